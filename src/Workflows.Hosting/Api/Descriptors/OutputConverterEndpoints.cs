using Workflows.Hosting.Api.Models;

namespace Workflows.Hosting.Api.Descriptors;

/// <summary><c>GET /descriptors/output-converters</c>: the engine binds outputs without converters, so none are offered.</summary>
public static class OutputConverterEndpoints
{
    public sealed record OutputConverterDescriptor(string Id, string SourceTypeName, string ResultTypeName, string DisplayName, string? Description, object? SettingsSchema);

    public static IEndpointRouteBuilder MapOutputConverters(this IEndpointRouteBuilder api)
    {
        api.MapGet("/descriptors/output-converters", () => ElsaJson.Ok(new ItemsResponse<OutputConverterDescriptor>([])));
        return api;
    }
}
