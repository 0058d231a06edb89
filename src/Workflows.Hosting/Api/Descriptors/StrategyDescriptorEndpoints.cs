using Workflows.Hosting.Api.Models;

namespace Workflows.Hosting.Api.Descriptors;

/// <summary>
/// The strategy lookups of Studio's workflow Settings panel. Only incident strategies change how our engine runs
/// (<c>options.incidentStrategyType</c> containing "Continue"), so only they are offered; activation, log-persistence
/// and commit strategies are Elsa features the engine does not have, and an empty list makes Studio show none.
/// </summary>
public static class StrategyDescriptorEndpoints
{
    public sealed record StrategyDescriptor(string TypeName, string DisplayName, string Description);

    public sealed record CommitStrategyDescriptor(string Name, string DisplayName, string Description);

    public static IReadOnlyList<StrategyDescriptor> IncidentStrategies { get; } =
    [
        new("Elsa.Workflows.IncidentStrategies.FaultStrategy, Elsa.Workflows.Core", "Fault",
            "The workflow faults on the first incident (default)."),
        new("Elsa.Workflows.IncidentStrategies.ContinueWithIncidentsStrategy, Elsa.Workflows.Core", "Continue with incidents",
            "The workflow goes on; incidents are recorded."),
    ];

    public static IEndpointRouteBuilder MapStrategyDescriptors(this IEndpointRouteBuilder api)
    {
        api.MapGet("/descriptors/incident-strategies", () => ElsaJson.Ok(new ListResponse<StrategyDescriptor>(IncidentStrategies)));
        api.MapGet("/descriptors/workflow-activation-strategies", () => ElsaJson.Ok(new ListResponse<StrategyDescriptor>([])));
        api.MapGet("/descriptors/log-persistence-strategies", () => ElsaJson.Ok(new ListResponse<StrategyDescriptor>([])));
        api.MapGet("/descriptors/commit-strategies/workflows", () => ElsaJson.Ok(new ListResponse<CommitStrategyDescriptor>([])));
        api.MapGet("/descriptors/commit-strategies/activities", () => ElsaJson.Ok(new ListResponse<CommitStrategyDescriptor>([])));
        return api;
    }
}
