using Microsoft.Extensions.Logging;
using Recipes.Swarm.Docker;
using Recipes.Swarm.Snapshots;
using Recipes.Swarm.Stacks;
using Recipes.Ci.Runs;

namespace Recipes.Ci.Warm;

/// <summary>What a rollback did: whether data was restored and whether <c>last_good</c> is healthy again.</summary>
public sealed record WarmRollbackResult(string Version, bool DataRestored, string? Problem)
{
    public bool Healthy => Problem is null;
}

/// <summary>
/// Puts a warm dependency back to <c>last_good</c> after a failed upgrade: undeploy (volumes kept), restore the
/// pre-upgrade snapshot exactly when there is one, redeploy the <c>last_good</c> version and check its health.
/// Idempotent: repeating it restores the same bytes and deploys the same spec.
/// </summary>
public sealed class WarmRollback(
    WarmSpecs specs,
    IStackRemover remover,
    VolumeSnapshots snapshots,
    WarmDeployer deployer,
    WarmHealthProbe health,
    RecipeCiOptions options,
    ILogger<WarmRollback> logger)
{
    public async Task<WarmRollbackResult> RunAsync(string name, string lastGood, string? snapshotId, CancellationToken cancellationToken)
    {
        var app = await TakeDownAsync(name, cancellationToken);
        var restored = false;
        if (!string.IsNullOrWhiteSpace(snapshotId))
        {
            var spec = await specs.LoadAsync(name, lastGood, cancellationToken);
            using var _ = spec.WorkTree;
            await snapshots.RestoreAsync(app, SnapshotId.Parse(snapshotId), spec.HelperImage, cancellationToken);
            restored = true;
        }
        var deploy = await deployer.DeployAsync(name, lastGood, cancellationToken);
        var problem = deploy.Succeeded ? await health.CheckAsync(name, lastGood, cancellationToken) : deploy.ToString();
        logger.Log(problem is null ? LogLevel.Information : LogLevel.Error,
            "Warm dependency {Name} rolled back to {Version} (data {Data}){Problem}", name, lastGood,
            restored ? $"restored from {snapshotId}" : "not restored: no snapshot", problem is null ? "" : ": still unhealthy: " + problem);
        return new WarmRollbackResult(lastGood, restored, problem);
    }

    /// <summary>
    /// Takes the dependency's app down, volumes kept: the first step of a rollback, and all there is to do when there
    /// is no <c>last_good</c> to roll back to.
    /// </summary>
    public async Task<AppName> TakeDownAsync(string name, CancellationToken cancellationToken)
    {
        var app = WarmDependencyCatalog.AppOf(name);
        await remover.UndeployAsync(app, purgeVolumes: false, options.UndeployTimeout, cancellationToken);
        return app;
    }
}
