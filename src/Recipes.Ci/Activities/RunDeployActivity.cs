using Recipes.Swarm.Docker;
using Workflows.Core.Activities;
using Workflows.Core.Runtime;

namespace Recipes.Ci.Activities;

/// <summary>
/// Base of the activities that deploy the run's app from the run's commit (Deploy, Upgrade): they differ in which app
/// and role, and share the outcome of the deploy. On success a tagged release whose version label was not bumped is a
/// warning on the run (<see cref="VersionLabelCheck"/>); otherwise the per-service failures go to the <c>Failures</c>
/// output and the run fails. The base returns the outcomes, so it declares their ports.
/// </summary>
[FlowPort(Done)]
[FlowPort(Failed)]
public abstract class RunDeployActivity(RunContextFactory runs, RunWorkspace workspace, AppDeployer deployer, VersionLabelCheck labels)
    : RecipeActivity(runs)
{
    public const string Done = FlowPorts.Done;
    public const string Failed = "Failed";

    /// <summary>The output every deploying activity declares (with its own description) for why the deploy failed.</summary>
    protected const string FailuresOutput = "Failures";

    /// <summary>Deploys the run's spec of <paramref name="app"/> in <paramref name="role"/>; the step name goes to the run's timings.</summary>
    protected async Task<string> DeployRunAppAsync(ActivityContext context, RunContext run, AppName app, AppRole role, string step)
    {
        var ct = context.CancellationToken;
        var spec = await workspace.SpecAsync(run, app, ct);
        var result = await deployer.DeployAsync(run, spec, role, step, context.ActivityInstanceId, ct);
        if (result.Succeeded)
        {
            await labels.CheckAsync(run, spec, ct);
            return Done;
        }
        context.SetOutput(FailuresOutput, result.ToString());
        await FailRunAsync(context, run, RunResults.Fail, result.ToString(), ct);
        return Failed;
    }
}
