using Recipes.Ci.Warm;
using Workflows.Core.Activities;
using Workflows.Core.Runtime;

namespace Recipes.Ci.Activities;

/// <summary>Deploys a warm dependency at a version and waits for convergence. Idempotent: an unchanged spec is a no-op.</summary>
[Activity("Recipes", "DeployWarm", Category = "Recipes", DisplayName = "Upgrade warm dependency",
    Description = "Deploy warm-<name> at a version (role warm) and wait for convergence; a Swarm rollback counts as failed.")]
[FlowPort(Done)]
[FlowPort(Failed)]
public sealed class DeployWarm(WarmDeployer deployer, ILogger<DeployWarm> logger) : WarmDependencyActivity(logger)
{
    public const string Done = FlowPorts.Done;
    public const string Failed = "Failed";

    [Input(Description = "The version tag to deploy.", UIHint = "singleline", Order = 1)]
    public string? Version { get; set; }

    [Output(Description = "Why the deploy failed.")]
    public string? Failures { get; set; }

    protected override async Task<string> RunAsync(ActivityContext context, CancellationToken cancellationToken)
    {
        var result = await deployer.DeployAsync(DependencyName, Required(Version, nameof(Version)), cancellationToken);
        if (result.Succeeded)
            return Done;
        context.SetOutput(nameof(Failures), result.ToString());
        return Failed;
    }
}
