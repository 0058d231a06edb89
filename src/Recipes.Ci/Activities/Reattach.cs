using Microsoft.Extensions.Logging;
using Recipes.Ci.Canonicals;
using Recipes.Ci.Runs;
using Recipes.Swarm.Docker;
using Recipes.Swarm.Snapshots;
using Recipes.Swarm.Stacks;
using Workflows.Core.Activities;
using Workflows.Core.Runtime;

namespace Recipes.Ci.Activities;

/// <summary>
/// Serves the recipe's canonical for a quick run: takes <c>warm-&lt;recipe&gt;</c> down (volumes kept), restores
/// the canonical snapshot into its volumes exactly, and deploys it from the canonical commit. The data is already
/// initialised, so this is fast. <c>NoCanonical</c> when the recipe has none. Hold the app's lock first
/// (AcquireAppLock). Idempotent: a re-run restores and deploys the same state again.
/// </summary>
[Activity("Recipes", "Reattach", Category = "Recipes", DisplayName = "Reattach canonical",
    Description = "Restore the canonical snapshot into warm-<recipe> and deploy it from the canonical commit; NoCanonical when there is none.")]
[FlowPort("Done")]
[FlowPort("NoCanonical")]
[FlowPort("Failed")]
[FlowPort("Error")]
public sealed class Reattach(
    RunContextFactory runs,
    CanonicalRegistry canonicals,
    AppSpecLoader specs,
    AppDeployer deployer,
    IStackRemover remover,
    SnapshotRestorer restorer,
    RecipeCiOptions options) : RecipeActivity(runs)
{
    [Output(Description = "The canonical app, warm-<recipe>.")]
    public string? App { get; set; }

    protected override async Task<string> RunAsync(ActivityContext context, RunContext run)
    {
        var ct = context.CancellationToken;
        var canonical = await canonicals.GetAsync(run.Record.Recipe, ct);
        if (canonical is null)
        {
            run.Logger.LogInformation("Run {RunId}: {Recipe} has no canonical", run.RunId, run.Record.Recipe);
            return "NoCanonical";
        }
        var app = RunApps.Canonical(run.Record.Recipe);
        await run.SetAppAsync(app, ct);
        context.SetOutput(nameof(App), app.Value);
        var spec = await specs.LoadAsync(run.Record.Recipe, canonical.Commit, run.RunId + "-c", app, ct);
        await run.TimeAsync("reattach", async () =>
        {
            await remover.UndeployAsync(app, purgeVolumes: false, options.UndeployTimeout, ct);
            return await restorer.RestoreAsync(AppName.Parse(canonical.SnapshotApp), SnapshotId.Parse(canonical.SnapshotId), app, AppRole.Canonical, spec.HelperImage, ct);
        }, ct);
        var result = await deployer.DeployAsync(run, spec, AppRole.Canonical, "reattach", ct);
        spec.WorkTree.Dispose();
        if (result.Succeeded)
            return "Done";
        await run.SetResultAsync(RunResults.Error, ct);
        return "Failed";
    }
}
