using Microsoft.Extensions.Logging;
using Recipes.Ci.Runs;
using Recipes.Ci.Secrets;
using Recipes.Swarm.Docker;
using Recipes.Swarm.Snapshots;
using Recipes.Swarm.Stacks;

namespace Recipes.Ci.Canonicals;

/// <summary>How serving a canonical ended.</summary>
/// <param name="Deploy">The deploy of the canonical commit; null when only the volumes were restored.</param>
public sealed record CanonicalServeResult(Canonical Canonical, StackDeployResult? Deploy)
{
    public bool Succeeded => Deploy is null || Deploy.Succeeded;
}

/// <summary>
/// Puts a recipe's canonical app <c>warm-&lt;recipe&gt;</c> back to its canonical: takes it down (volumes kept),
/// restores the canonical snapshot exactly, and, with <c>Ci:WarmCanonicals</c> (the default), deploys it from the
/// canonical commit and marks it served, so the next quick run reattaches without a deploy. After every quick run
/// (its changes are thrown away) and after every promotion.
/// </summary>
public sealed class CanonicalServer(
    CanonicalServing serving,
    AppSpecLoader specs,
    IStackDeployer deployer,
    SnapshotRestorer restorer,
    SecretStore secrets,
    RecipeCiOptions options,
    ILogger<CanonicalServer> logger)
{
    /// <summary>Takes <c>warm-&lt;recipe&gt;</c> down and restores the canonical snapshot into its volumes.</summary>
    public async Task RestoreAsync(Canonical canonical, AppSpec spec, CancellationToken cancellationToken)
    {
        // Forget first: a crash between here and the end must not leave a mark on an app that no longer serves.
        await serving.ForgetAsync(canonical.Recipe, cancellationToken);
        await restorer.RestoreAsync(AppName.Parse(canonical.SnapshotApp), SnapshotId.Parse(canonical.SnapshotId), spec.App, AppRole.Canonical,
            spec.HelperImage, cancellationToken);
        // Values a quick run generated for warm-<recipe> itself (a bumped secret version) belonged to data just thrown away.
        foreach (var (key, version) in secrets.List(spec.App).Where(s => !spec.Secrets.Any(u => u.Key == s.Key && u.Version == s.Version)))
            secrets.Delete(spec.App, key, version);
    }

    /// <summary>Restores the canonical and, with warm canonicals on, deploys and marks it served.</summary>
    /// <param name="workTreeRun">Names the work tree the canonical commit is checked out into.</param>
    public async Task<CanonicalServeResult> ServeAsync(Canonical canonical, string workTreeRun, CancellationToken cancellationToken)
    {
        var app = RunApps.Canonical(canonical.Recipe);
        var spec = await specs.LoadAsync(canonical.Recipe, canonical.Commit, workTreeRun, app, cancellationToken);
        using var workTree = spec.WorkTree;
        await RestoreAsync(canonical, spec, cancellationToken);
        if (!options.WarmCanonicals)
        {
            logger.LogInformation("Canonical of {Recipe} restored into {App} (not deployed: Ci:WarmCanonicals is off)", canonical.Recipe, app.Value);
            return new CanonicalServeResult(canonical, null);
        }
        var result = await deployer.DeployAsync(spec.DeployRequest(AppRole.Canonical), null, cancellationToken);
        if (!result.Succeeded)
        {
            logger.LogWarning("Canonical of {Recipe} could not be served: {Result}", canonical.Recipe, result);
            return new CanonicalServeResult(canonical, result);
        }
        await serving.MarkServedAsync(canonical, cancellationToken);
        logger.LogInformation("Canonical of {Recipe} served as {App} from {Commit} ({Version}), snapshot {SnapshotId}",
            canonical.Recipe, app.Value, canonical.Commit, canonical.Version, canonical.SnapshotId);
        return new CanonicalServeResult(canonical, result);
    }
}
