namespace Recipes.Swarm.Volumes;

/// <summary>
/// Streams a volume out as a tar and a tar back into a volume. Every entry of the tar starts with
/// <see cref="ArchiveRoot"/>/ (the volume root itself is the entry <c>ArchiveRoot/</c>).
/// </summary>
public interface IVolumeArchiver
{
    string ArchiveRoot { get; }

    /// <summary>Writes the volume (or only <paramref name="paths"/>, relative to its root) as a tar to <paramref name="destination"/>.</summary>
    Task ExportAsync(string volume, IReadOnlyList<string>? paths, string helperImage, Stream destination, CancellationToken cancellationToken);

    /// <summary>Extracts the tar into the volume, keeping ownership, modes, links and times.</summary>
    Task ImportAsync(string volume, Stream archive, string helperImage, CancellationToken cancellationToken);
}
