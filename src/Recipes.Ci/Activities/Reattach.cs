using Recipes.Ci.Canonicals;
using Recipes.Swarm.Docker;
using Recipes.Swarm.Stacks;
using Workflows.Core.Activities;
using Workflows.Core.Runtime;

namespace Recipes.Ci.Activities;

/// <summary>
/// Attaches a quick run to the recipe's canonical, <c>warm-&lt;recipe&gt;</c>. When the canonical is being served
/// untouched (serve-canonical.json ran since the last run) the run takes it as it is: no deploy, the app is up on
/// its data. Otherwise it takes the app down (volumes kept), restores the canonical snapshot exactly and deploys the
/// canonical commit. <c>NoCanonical</c> when the recipe has none. Hold the app's lock first (AcquireAppLock).
/// Idempotent: a re-run after a crash finds the served mark gone and restores and deploys again.
/// </summary>
[Activity("Recipes", "Reattach", Category = "Recipes", DisplayName = "Reattach canonical",
    Description = "Take warm-<recipe> as served, or restore the canonical snapshot into it and deploy the canonical commit; NoCanonical when there is none.")]
[FlowPort(Done)]
[FlowPort(NoCanonical)]
[FlowPort(Failed)]
public sealed class Reattach(
    RunContextFactory runs,
    CanonicalRegistry canonicals,
    CanonicalServing serving,
    CanonicalServer server,
    RunWorkspace workspace,
    AppDeployer deployer,
    IStackDeployer stacks) : RecipeActivity(runs)
{
    public const string Done = FlowPorts.Done;
    public const string NoCanonical = "NoCanonical";
    public const string Failed = "Failed";

    [Output(Description = "The canonical app, warm-<recipe>.")]
    public string? App { get; set; }

    [Output(Description = "True when the canonical was up and untouched, so the run attached without a deploy.")]
    public bool Warm { get; set; }

    protected override async Task<string> RunAsync(ActivityContext context, RunContext run, CancellationToken cancellationToken)
    {
        var canonical = await canonicals.GetAsync(run.Record.Recipe, cancellationToken);
        if (canonical is null)
        {
            run.Logger.LogInformation("Run {RunId}: {Recipe} has no canonical", run.RunId, run.Record.Recipe);
            return NoCanonical;
        }
        var app = RunApps.Canonical(run.Record.Recipe);
        await run.SetAppAsync(app, cancellationToken);
        context.SetOutput(nameof(App), app.Value);
        var spec = await workspace.SpecAsync(run, canonical.Commit, RunWorkTrees.Reattached(run.RunId), app, cancellationToken);

        if (await serving.TryTakeAsync(canonical, cancellationToken))
        {
            // Served untouched: confirm it is up on exactly the canonical spec. Redeploying an unchanged spec is a
            // no-op that waits for running tasks, so this costs no rollout.
            var check = await run.TimeAsync("reattach", () => stacks.DeployAsync(
                spec.DeployRequest(AppRole.Canonical), null, cancellationToken), cancellationToken);
            if (check.Succeeded && check.Changes.All(c => c.Kind == ServiceChangeKind.Unchanged))
            {
                await run.SetConvergedAsync(check.ConvergedAtUtc, cancellationToken);
                run.Logger.LogInformation("Run {RunId}: reattached to {App}, served since the last run", run.RunId, app.Value);
                context.SetOutput(nameof(Warm), true);
                return Done;
            }
            run.Logger.LogWarning("Run {RunId}: {App} was marked served but had drifted ({Result}); restoring it", run.RunId, app.Value, check);
        }

        await run.TimeAsync("reattach", async () =>
        {
            await server.RestoreAsync(canonical, spec, cancellationToken);
            return true;
        }, cancellationToken);
        var result = await deployer.DeployAsync(run, spec, AppRole.Canonical, "reattach", context.ActivityInstanceId, cancellationToken);
        if (result.Succeeded)
            return Done;
        await FailRunAsync(context, run, RunResults.Error, result.ToString(), cancellationToken);
        return Failed;
    }
}
