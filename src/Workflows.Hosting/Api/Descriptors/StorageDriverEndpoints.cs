using Workflows.Hosting.Api.Models;

namespace Workflows.Hosting.Api.Descriptors;

/// <summary>
/// <c>GET /descriptors/storage-drivers</c>: the engine keeps every variable with the workflow instance, so that is the
/// one driver offered. Non-empty, because Studio's variable dialog calls First() on it.
/// </summary>
public static class StorageDriverEndpoints
{
    public sealed record StorageDriverDescriptor(string TypeName, string DisplayName, int Priority, bool Deprecated);

    public static IReadOnlyList<StorageDriverDescriptor> Drivers { get; } =
    [
        new("Elsa.Workflows.WorkflowInstanceStorageDriver, Elsa.Workflows.Core", "Workflow instance", 100, false),
    ];

    public static IEndpointRouteBuilder MapStorageDrivers(this IEndpointRouteBuilder api)
    {
        api.MapGet("/descriptors/storage-drivers", () => ElsaJson.Ok(new ItemsResponse<StorageDriverDescriptor>(Drivers)));
        return api;
    }
}
