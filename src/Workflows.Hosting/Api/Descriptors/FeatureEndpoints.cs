using Workflows.Hosting.Api.Models;

namespace Workflows.Hosting.Api.Descriptors;

/// <summary>
/// <c>GET /features/installed</c>: no optional Elsa feature is present. In particular not
/// <c>Elsa.RealTimeWorkflowUpdates</c> (no SignalR hub; the instance viewer polls) nor <c>Elsa.Resilience</c>.
/// </summary>
public static class FeatureEndpoints
{
    public sealed record FeatureDescriptor(string Name, string Namespace, string FullName, string DisplayName, string? Description);

    public static IEndpointRouteBuilder MapFeatures(this IEndpointRouteBuilder api)
    {
        api.MapGet("/features/installed", () => ElsaJson.Ok(new ListResponse<FeatureDescriptor>([])));
        return api;
    }
}
