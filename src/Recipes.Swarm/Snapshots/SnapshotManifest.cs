namespace Recipes.Swarm.Snapshots;

/// <summary>
/// <c>manifest.json</c> of a snapshot: which volumes it holds and how to check and recreate each.
/// <see cref="ArchiveRoot"/> is the folder name every tar entry starts with (the helper's mount point).
/// </summary>
public sealed record SnapshotManifest(
    int FormatVersion,
    string App,
    string Id,
    DateTimeOffset CreatedAt,
    string ArchiveRoot,
    IReadOnlyList<VolumeArchive> Volumes)
{
    public const int CurrentFormat = 1;
    public const string FileName = "manifest.json";
}

/// <summary>
/// One volume of a snapshot. <see cref="Paths"/> is null for the whole volume, else the backupbot
/// <c>.path</c> selection (relative to the volume root). <see cref="FileCount"/> counts tar entries: files,
/// directories and links. <see cref="Transport"/> says which transport wrote the tar (Archive or Direct; null in
/// snapshots older than that field); either restores with either.
/// </summary>
public sealed record VolumeArchive(
    string Name,
    string DockerVolume,
    string File,
    string Driver,
    IReadOnlyDictionary<string, string> DriverOptions,
    IReadOnlyDictionary<string, string> Labels,
    IReadOnlyList<string>? Paths,
    long Size,
    long FileCount,
    string Sha256,
    string? Transport = null);
