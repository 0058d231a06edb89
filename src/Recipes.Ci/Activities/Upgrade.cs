using Recipes.Swarm.Docker;
using Workflows.Core.Activities;
using Workflows.Core.Runtime;

namespace Recipes.Ci.Activities;

/// <summary>
/// Redeploys the run's app (the reattached canonical) from the run's commit, the PR head. A failed, timed-out or
/// automatically rolled-back deploy is Failed. A tagged release whose version label was not bumped is a warning on the run (<see cref="VersionLabelCheck"/>).
/// Idempotent: an unchanged spec is a no-op.
/// </summary>
[Activity("Recipes", "Upgrade", Category = "Recipes", DisplayName = "Upgrade to PR head",
    Description = "Redeploy the run's app from the run's commit (the PR head); a rollback counts as failed.")]
public sealed class Upgrade(RunContextFactory runs, RunWorkspace workspace, AppDeployer deployer, VersionLabelCheck labels)
    : RunDeployActivity(runs, workspace, deployer, labels)
{
    [Output(Description = "Why the upgrade failed (per service), when it did.")]
    public string? Failures { get; set; }

    protected override Task<string> RunAsync(ActivityContext context, RunContext run, CancellationToken cancellationToken) =>
        DeployRunAppAsync(context, run, run.App, run.App == RunApps.Canonical(run.Record.Recipe) ? AppRole.Canonical : AppRole.Run, "upgrade");
}
