using Microsoft.Extensions.Logging;
using Recipes.Ci.Runs;
using Recipes.Swarm.Snapshots;
using Recipes.Swarm.Stacks;
using Recipes.Swarm.Volumes;

namespace Recipes.Ci.Warm;

/// <summary>
/// Takes the pre-upgrade snapshot of a warm dependency: the app is undeployed (volumes kept) so nothing writes
/// while its volumes are archived, which is the brief downtime of an upgrade. An app without volumes (a proxy) or
/// not deployed yet gets no snapshot: its rollback is a version rollback only.
/// </summary>
public sealed class WarmSnapshotter(
    WarmSpecs specs,
    IStackRemover remover,
    AppVolumes volumes,
    VolumeSnapshots snapshots,
    RecipeCiOptions options,
    ILogger<WarmSnapshotter> logger)
{
    /// <summary>The snapshot id, or null when the app has no volumes.</summary>
    public async Task<string?> TakeAsync(string name, string currentVersion, CancellationToken cancellationToken)
    {
        var app = WarmDependencyCatalog.AppOf(name);
        if ((await volumes.ListAsync(app, cancellationToken)).Count == 0)
        {
            logger.LogInformation("Warm dependency {Name} has no volumes: no snapshot, a rollback restores its version only", name);
            return null;
        }
        var spec = await specs.LoadAsync(name, currentVersion, cancellationToken);
        using var _ = spec.WorkTree;
        await remover.UndeployAsync(app, purgeVolumes: false, options.UndeployTimeout, cancellationToken);
        var manifest = await snapshots.TakeAsync(app, spec.HelperImage, null, cancellationToken);
        logger.LogInformation("Warm dependency {Name}: snapshot {Id} of {Volumes} volume(s) before upgrade", name, manifest.Id, manifest.Volumes.Count);
        return manifest.Id;
    }
}
