using Recipes.Swarm.Docker;
using Workflows.Core.Activities;
using Workflows.Core.Runtime;

namespace Recipes.Ci.Activities;

/// <summary>
/// Deploys the run's recipe at its commit as a fresh cold app <c>ci-&lt;recipe&gt;-&lt;run8&gt;</c> and waits for
/// it to converge. A tagged release whose version label was not bumped is a warning on the run (<see cref="VersionLabelCheck"/>).
/// Idempotent: deploying the same spec again changes nothing and is not counted.
/// </summary>
[Activity("Recipes", "Deploy", Category = "Recipes", DisplayName = "Deploy fresh",
    Description = "Deploy the run's recipe at its commit as a fresh cold app ci-<recipe>-<run8> and wait for convergence.")]
public sealed class Deploy(RunContextFactory runs, RunWorkspace workspace, AppDeployer deployer, VersionLabelCheck labels)
    : RunDeployActivity(runs, workspace, deployer, labels)
{
    [Output(Description = "The deployed app.")]
    public string? App { get; set; }

    [Output(Description = "Why the deploy failed (per service), when it did.")]
    public string? Failures { get; set; }

    protected override async Task<string> RunAsync(ActivityContext context, RunContext run, CancellationToken cancellationToken)
    {
        var app = RunApps.Cold(run.Record.Recipe, run.RunId);
        await run.SetAppAsync(app, cancellationToken);
        context.SetOutput(nameof(App), app.Value);
        return await DeployRunAppAsync(context, run, app, AppRole.Run, "deploy");
    }
}
