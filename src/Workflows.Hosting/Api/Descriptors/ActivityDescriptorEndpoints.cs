using Workflows.Core.Activities;
using Workflows.Hosting.Api.Models;

namespace Workflows.Hosting.Api.Descriptors;

/// <summary>
/// <c>GET /descriptors/activities</c>: every registered activity type, straight from the engine's registry, which
/// guarantees unique (typeName, version) pairs. Studio re-fetches this after every save, so it stays cheap.
/// </summary>
public static class ActivityDescriptorEndpoints
{
    public static IEndpointRouteBuilder MapActivityDescriptors(this IEndpointRouteBuilder api)
    {
        api.MapGet("/descriptors/activities", (ActivityRegistry registry) =>
            ElsaJson.Ok(new ListResponse<Core.Descriptors.ActivityDescriptor>(registry.Descriptors)));
        return api;
    }
}
