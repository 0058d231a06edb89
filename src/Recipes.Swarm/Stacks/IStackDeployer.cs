namespace Recipes.Swarm.Stacks;

/// <summary>Deploys or upgrades a stack and waits for it to converge.</summary>
public interface IStackDeployer
{
    /// <summary>
    /// Creates or updates the stack's networks, volumes, configs, secrets and services (removing services no longer in
    /// the compose project), then waits for convergence. Deploying an unchanged spec changes nothing. A failed,
    /// rolled-back or timed-out deploy is returned as such, not thrown; <see cref="StackDeployException"/> is thrown
    /// when the stack cannot be deployed at all.
    /// </summary>
    Task<StackDeployResult> DeployAsync(StackDeployRequest request, IProgress<DeployProgress>? progress = null, CancellationToken cancellationToken = default);
}
