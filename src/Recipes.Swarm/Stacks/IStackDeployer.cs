using Recipes.Swarm.Docker;

namespace Recipes.Swarm.Stacks;

/// <summary>Deploys or upgrades a stack, waits for it to converge, and checks later that it stayed so.</summary>
public interface IStackDeployer
{
    /// <summary>
    /// Creates or updates the stack's networks, volumes, configs, secrets and services (removing services no longer in
    /// the compose project), then waits for convergence. Deploying an unchanged spec changes nothing. A failed,
    /// rolled-back or timed-out deploy is returned as such, not thrown; <see cref="StackDeployException"/> is thrown
    /// when the stack cannot be deployed at all.
    /// </summary>
    Task<StackDeployResult> DeployAsync(StackDeployRequest request, IProgress<DeployProgress>? progress = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// Whether the stack stayed as a converged deploy left it, answered at once (see <see cref="StackStabilityCheck"/>).
    /// A deploy returns while Swarm's update monitor window may still be open; run this after the health gate and the
    /// tests, with <paramref name="sinceUtc"/> = the deploy's <see cref="StackDeployResult.ConvergedAtUtc"/>: a
    /// rollback, pause or ended task since then makes it unstable, naming the service.
    /// </summary>
    Task<StackStability> CheckStabilityAsync(AppName app, DateTime sinceUtc, CancellationToken cancellationToken = default);
}
