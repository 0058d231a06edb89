using Workflows.Hosting.Api.Models;

namespace Workflows.Hosting.Api.Descriptors;

/// <summary>
/// <c>GET /descriptors/variables</c>: the variable types the engine converts values to (unknown types are kept as
/// JSON, which is what Object means). Must be non-empty with unique type names: Studio's dialogs call First() and
/// ToDictionary on it.
/// </summary>
public static class VariableTypeEndpoints
{
    private const string Primitives = "Primitives";

    public static IReadOnlyList<VariableTypeDescriptor> Types { get; } =
    [
        new("String", "String", Primitives, null),
        new("Boolean", "Boolean", Primitives, null),
        new("Int32", "Int32", Primitives, null),
        new("Int64", "Int64", Primitives, null),
        new("Single", "Single", Primitives, null),
        new("Double", "Double", Primitives, null),
        new("Decimal", "Decimal", Primitives, null),
        new("TimeSpan", "TimeSpan", Primitives, null),
        new("DateTimeOffset", "DateTimeOffset", Primitives, "Kept as its ISO-8601 string."),
        new("Object", "Object", "Dynamic", "Any JSON value."),
    ];

    public static IEndpointRouteBuilder MapVariableTypes(this IEndpointRouteBuilder api)
    {
        api.MapGet("/descriptors/variables", () => ElsaJson.Ok(new ItemsResponse<VariableTypeDescriptor>(Types)));
        return api;
    }
}
