using Recipes.Ci.Warm;
using Workflows.Core.Activities;
using Workflows.Core.Runtime;

namespace Recipes.Ci.Activities;

/// <summary>
/// The health gate of a warm dependency after an upgrade (its configured endpoint and timeout). Read-only. Its outcomes
/// are a run's <see cref="HealthGate"/>'s: flows branch on the same two ports after either gate.
/// </summary>
[Activity("Recipes", "WarmHealthGate", Category = "Recipes", DisplayName = "Warm health gate",
    Description = "Check a warm dependency runs and its health endpoint answers 2xx within HealthGate:TimeoutSeconds.")]
[FlowPort(HealthGate.Healthy)]
[FlowPort(HealthGate.Unhealthy)]
public sealed class WarmHealthGate(WarmHealthProbe probe, ILogger<WarmHealthGate> logger) : WarmDependencyActivity(logger)
{
    [Input(Description = "The version deployed (its env gives ${VAR} in the health URL).", UIHint = "singleline", Order = 1)]
    public string? Version { get; set; }

    [Output(Description = "Why the gate failed.")]
    public string? Reason { get; set; }

    protected override async Task<string> RunAsync(ActivityContext context, CancellationToken cancellationToken)
    {
        var reason = await probe.CheckAsync(DependencyName, Required(Version, nameof(Version)), cancellationToken);
        if (reason is null)
            return HealthGate.Healthy;
        context.SetOutput(nameof(Reason), reason);
        return HealthGate.Unhealthy;
    }
}
