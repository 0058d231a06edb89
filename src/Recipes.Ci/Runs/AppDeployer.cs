using Microsoft.Extensions.Logging;
using Recipes.Swarm.Docker;
using Recipes.Swarm.Stacks;

namespace Recipes.Ci.Runs;

/// <summary>
/// Deploys an <see cref="AppSpec"/> for a run and keeps the run's labels: a deploy that created or updated a
/// service counts towards the deploy count, an unchanged one (a re-run after a crash) does not. A converged deploy
/// records when it converged, for Assert's stability check.
/// </summary>
public sealed class AppDeployer(IStackDeployer deployer)
{
    public async Task<StackDeployResult> DeployAsync(RunContext run, AppSpec spec, AppRole role, string phase, CancellationToken cancellationToken)
    {
        var result = await run.TimeAsync(phase,
            () => deployer.DeployAsync(spec.DeployRequest(role), null, cancellationToken), cancellationToken);
        if (result.Changes.Any(c => c.Kind is ServiceChangeKind.Created or ServiceChangeKind.Updated))
            await run.AddDeployAsync(cancellationToken);
        if (result.Succeeded)
            await run.SetConvergedAsync(result.ConvergedAtUtc, cancellationToken);
        if (result.Succeeded)
            run.Logger.LogInformation("Run {RunId}: {App} {Result}", run.RunId, spec.App.Value, result);
        else
            run.Logger.LogWarning("Run {RunId}: {App} {Result}", run.RunId, spec.App.Value, result);
        return result;
    }
}
