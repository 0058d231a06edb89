using Recipes.Swarm.Docker;
using Recipes.Swarm.Snapshots;
using Recipes.Swarm.Stacks;
using Recipes.Swarm.Volumes;

namespace Recipes.Ci.Canonicals;

/// <summary>
/// Restores a snapshot into an app's volumes exactly, also into another app than the one it was taken of: the
/// canonical's snapshot is taken of the green cold run's app and restored into <c>warm-&lt;recipe&gt;</c>. Each
/// volume goes to <c>&lt;target&gt;_&lt;name&gt;</c>, labelled for the target app and role (so prune spares
/// canonical volumes); <see cref="VolumeSnapshots.RestoreIntoAsync"/> verifies, picks the transport and makes the
/// volume exact, so nothing the snapshot lacks survives. The target app is taken down first (volumes kept): a restore
/// needs volumes no container holds.
/// </summary>
public sealed class SnapshotRestorer(VolumeSnapshots snapshots, IStackRemover remover, RecipeCiOptions options)
{
    public async Task<SnapshotManifest> RestoreAsync(AppName source, SnapshotId id, AppName target, AppRole role, string helperImage, CancellationToken cancellationToken)
    {
        await remover.UndeployAsync(target, purgeVolumes: false, options.UndeployTimeout, cancellationToken);
        if (source == target)
            return await snapshots.RestoreAsync(target, id, helperImage, cancellationToken);
        return await snapshots.RestoreIntoAsync(source, id, target, volume => new VolumeInfo(
            $"{target.Value}_{volume.Name}",
            volume.Name,
            volume.Driver,
            volume.DriverOptions,
            new Dictionary<string, string>(volume.Labels)
            {
                [Labels.App] = target.Value,
                [Labels.Role] = role.ToString().ToLowerInvariant(),
                [Labels.StackNamespace] = target.Value,
            },
            null), helperImage, cancellationToken);
    }
}
