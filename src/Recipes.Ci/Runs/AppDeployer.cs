using Microsoft.Extensions.Logging;
using Recipes.Swarm.Docker;
using Recipes.Swarm.Stacks;

namespace Recipes.Ci.Runs;

/// <summary>
/// Deploys an <see cref="AppSpec"/> for a run and keeps the run's labels: a deploy that created or updated a
/// service counts towards the deploy count, an unchanged one (a re-run after a crash) does not. A converged deploy
/// records when it converged, for Assert's stability check; a failed one becomes the run's JUnit report.
/// </summary>
public sealed class AppDeployer(IStackDeployer deployer, RecipeCiOptions options, TimeProvider time)
{
    public async Task<StackDeployResult> DeployAsync(RunContext run, AppSpec spec, AppRole role, string phase, CancellationToken cancellationToken)
    {
        var startedAt = time.GetUtcNow();
        var result = await run.TimeAsync(phase,
            () => deployer.DeployAsync(spec.DeployRequest(role), null, cancellationToken), cancellationToken);
        if (result.Changes.Any(c => c.Kind is ServiceChangeKind.Created or ServiceChangeKind.Updated))
            await run.AddDeployAsync(cancellationToken);
        if (result.Succeeded)
            await run.SetConvergedAsync(result.ConvergedAtUtc, cancellationToken);
        if (result.Succeeded)
            run.Logger.LogInformation("Run {RunId}: {App} {Result}", run.RunId, spec.App.Value, result);
        else
        {
            run.Logger.LogWarning("Run {RunId}: {App} {Result}", run.RunId, spec.App.Value, result);
            // Why it failed, with the container's last lines, goes where a reader of the run looks: its JUnit report.
            await DeployFailureReport.WriteAsync(run, options.ReportsRoot, phase, result, startedAt, cancellationToken);
        }
        return result;
    }
}
