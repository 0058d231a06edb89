using Microsoft.Extensions.Logging;
using Recipes.Swarm.Docker;
using Recipes.Swarm.Snapshots;
using Recipes.Swarm.Volumes;

namespace Recipes.Ci.Canonicals;

/// <summary>
/// Restores a snapshot into an app's volumes exactly, also into another app than the one it was taken of: the
/// canonical's snapshot is taken of the green cold run's app and restored into <c>warm-&lt;recipe&gt;</c>. The
/// snapshot is verified first; each volume is recreated empty (labelled for the target app and role, so prune
/// spares canonical volumes) and the tar extracted, so nothing the snapshot lacks survives.
/// </summary>
public sealed class SnapshotRestorer(
    VolumeSnapshots snapshots,
    ISnapshotStore store,
    IVolumeArchiver archiver,
    AppVolumes volumes,
    AppPresence presence,
    ILogger<SnapshotRestorer> logger)
{
    public async Task<SnapshotManifest> RestoreAsync(AppName source, SnapshotId id, AppName target, AppRole role, string helperImage, CancellationToken cancellationToken)
    {
        if (source == target)
            return await snapshots.RestoreAsync(target, id, helperImage, cancellationToken);

        if ((await presence.GetAsync(target, cancellationToken)).IsDeployed)
            throw new SnapshotException($"Refusing to restore into app {target} while it is deployed; undeploy it first.");
        var verification = await snapshots.VerifyAsync(source, id, cancellationToken);
        if (!verification.IsValid)
            throw new SnapshotException($"Snapshot {source}/{id} fails verification and is not restored: {string.Join(" ", verification.Problems)}");
        var manifest = await store.FindAsync(source, id, cancellationToken) ?? throw new SnapshotException($"Snapshot {source}/{id} does not exist.");
        if (manifest.ArchiveRoot != archiver.ArchiveRoot)
            throw new SnapshotException($"Snapshot {source}/{id} was written with archive root '{manifest.ArchiveRoot}'; this version restores '{archiver.ArchiveRoot}' only.");

        foreach (var volume in manifest.Volumes)
        {
            var name = $"{target.Value}_{volume.Name}";
            var labels = new Dictionary<string, string>(volume.Labels)
            {
                [Labels.App] = target.Value,
                [Labels.Role] = role.ToString().ToLowerInvariant(),
                [Labels.StackNamespace] = target.Value,
            };
            await volumes.RecreateAsync(new VolumeInfo(name, volume.Name, volume.Driver, volume.DriverOptions, labels, null), cancellationToken);
            await using var archive = store.OpenVolume(source, id, volume.File);
            await archiver.ImportAsync(name, archive, helperImage, cancellationToken);
            logger.LogInformation("Restored snapshot {Source}/{Id} volume {Volume} into {Target}", source.Value, id.Value, volume.Name, name);
        }
        return manifest;
    }
}
