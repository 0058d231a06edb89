using Recipes.Swarm.Docker;

namespace Recipes.Swarm.Snapshots;

/// <summary>
/// The snapshot folders: <c>Root/&lt;app&gt;/&lt;id&gt;/{manifest.json,&lt;volume&gt;.tar}</c>. A snapshot becomes
/// visible only complete (written aside, then renamed into place) and is never changed afterwards.
/// </summary>
public interface ISnapshotStore
{
    /// <summary>Starts a snapshot in a hidden temporary folder; disposing an uncommitted draft deletes it.</summary>
    ISnapshotDraft Begin(AppName app, SnapshotId id);

    Task<IReadOnlyList<SnapshotManifest>> ListAsync(AppName? app, CancellationToken cancellationToken);

    Task<SnapshotManifest?> FindAsync(AppName app, SnapshotId id, CancellationToken cancellationToken);

    /// <summary>Opens one volume tar of a committed snapshot for reading.</summary>
    Stream OpenVolume(AppName app, SnapshotId id, string file);

    Task DeleteAsync(AppName app, SnapshotId id, CancellationToken cancellationToken);

    /// <summary>Removes temporary folders of snapshots that never finished (a crash), older than <paramref name="age"/>.</summary>
    IReadOnlyList<string> SweepAbandoned(TimeSpan age, bool dryRun);
}

/// <summary>A snapshot being written. Nothing of it is visible under its final name until <see cref="CommitAsync"/>.</summary>
public interface ISnapshotDraft : IAsyncDisposable
{
    /// <summary>Creates the tar file of one volume.</summary>
    Stream CreateVolume(string file);

    /// <summary>
    /// Creates the tar file of one volume, empty, and returns its path, for a writer that is another process (the
    /// direct transport's tar); the caller makes it durable.
    /// </summary>
    string CreateVolumeFile(string file);

    /// <summary>Writes the manifest, makes everything read-only and renames the folder into place.</summary>
    Task CommitAsync(SnapshotManifest manifest, CancellationToken cancellationToken);
}
