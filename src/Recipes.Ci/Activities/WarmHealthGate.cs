using Recipes.Ci.Warm;
using Workflows.Core.Activities;
using Workflows.Core.Runtime;

namespace Recipes.Ci.Activities;

/// <summary>The health gate of a warm dependency after an upgrade (its configured endpoint and timeout). Read-only.</summary>
[Activity("Recipes", "WarmHealthGate", Category = "Recipes", DisplayName = "Warm health gate",
    Description = "Check a warm dependency runs and its health endpoint answers 2xx within HealthGate:TimeoutSeconds.")]
[FlowPort(Healthy)]
[FlowPort(Unhealthy)]
public sealed class WarmHealthGate(WarmHealthProbe probe, ILogger<WarmHealthGate> logger) : WarmActivity(logger)
{
    public const string Healthy = "Healthy";
    public const string Unhealthy = "Unhealthy";

    [Input(Description = "The warm dependency.", UIHint = "singleline", Order = 0)]
    public string? Dependency { get; set; }

    [Input(Description = "The version deployed (its env gives ${VAR} in the health URL).", UIHint = "singleline", Order = 1)]
    public string? Version { get; set; }

    [Output(Description = "Why the gate failed.")]
    public string? Reason { get; set; }

    protected override async Task<string> RunAsync(ActivityContext context)
    {
        var reason = await probe.CheckAsync(Required(Dependency, nameof(Dependency)), Required(Version, nameof(Version)), context.CancellationToken);
        if (reason is null)
            return Healthy;
        context.SetOutput(nameof(Reason), reason);
        return Unhealthy;
    }
}
