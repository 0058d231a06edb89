using Recipes.Swarm.Docker;

namespace Recipes.Swarm.Snapshots;

/// <summary>Re-hashes every tar of a snapshot and compares size, entry count and SHA-256 with the manifest.</summary>
public sealed class SnapshotVerifier(ISnapshotStore store)
{
    public Task<SnapshotVerification> VerifyAsync(AppName app, SnapshotId id, CancellationToken cancellationToken) =>
        VerifyAsync(app, id, _ => true, cancellationToken);

    /// <summary>Verifies only the volumes <paramref name="include"/> selects.</summary>
    public async Task<SnapshotVerification> VerifyAsync(AppName app, SnapshotId id, Func<VolumeArchive, bool> include, CancellationToken cancellationToken)
    {
        var manifest = await store.FindAsync(app, id, cancellationToken)
            ?? throw new SnapshotException($"Snapshot {app}/{id} does not exist.");
        var problems = new List<string>();
        foreach (var volume in manifest.Volumes.Where(include))
        {
            ArchiveDigest actual;
            try
            {
                await using var source = store.OpenVolume(app, id, volume.File);
                await using var digest = new DigestingStream(Stream.Null);
                await source.CopyToAsync(digest, 1 << 20, cancellationToken);
                actual = digest.Digest();
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or InvalidDataException or SnapshotException)
            {
                problems.Add($"{volume.Name}: {volume.File} cannot be read ({ex.Message}).");
                continue;
            }
            if (actual.Size != volume.Size) problems.Add($"{volume.Name}: size {actual.Size} bytes, manifest says {volume.Size}.");
            if (!string.Equals(actual.Sha256, volume.Sha256, StringComparison.OrdinalIgnoreCase)) problems.Add($"{volume.Name}: SHA-256 {actual.Sha256}, manifest says {volume.Sha256}.");
            if (actual.FileCount != volume.FileCount) problems.Add($"{volume.Name}: {actual.FileCount} entries, manifest says {volume.FileCount}.");
        }
        return new SnapshotVerification(manifest.App, manifest.Id, problems);
    }
}
