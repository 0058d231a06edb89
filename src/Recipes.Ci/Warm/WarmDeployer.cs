using Microsoft.Extensions.Logging;
using Recipes.Swarm.Docker;
using Recipes.Swarm.Stacks;

namespace Recipes.Ci.Warm;

/// <summary>
/// Deploys a warm dependency at a version (role <c>warm</c>, so prune never touches its volumes) and waits for
/// convergence; an automatic Swarm rollback counts as failed. Deploying the running spec again is a no-op.
/// </summary>
public sealed class WarmDeployer(WarmSpecs specs, IStackDeployer deployer, ILogger<WarmDeployer> logger)
{
    public async Task<StackDeployResult> DeployAsync(string name, string version, CancellationToken cancellationToken)
    {
        var spec = await specs.LoadAsync(name, version, cancellationToken);
        using var _ = spec.WorkTree;
        var result = await deployer.DeployAsync(spec.DeployRequest(AppRole.Warm), null, cancellationToken);
        if (result.Succeeded)
            logger.LogInformation("Warm dependency {Name} at {Version}: {Result}", name, version, result);
        else
            logger.LogWarning("Warm dependency {Name} at {Version}: {Result}", name, version, result);
        return result;
    }
}
