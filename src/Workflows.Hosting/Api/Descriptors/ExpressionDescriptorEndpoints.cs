using Workflows.Hosting.Api.Models;

namespace Workflows.Hosting.Api.Descriptors;

/// <summary>
/// <c>GET /descriptors/expression-descriptors</c>: the expression types the engine evaluates, in Elsa's order.
/// Studio's expression editor drops Literal, Object, Variable and Input and then takes the first remaining one,
/// so the list must hold another type (contract 3.3): Json, JavaScript, Liquid and C# are real types of our engine.
/// </summary>
public static class ExpressionDescriptorEndpoints
{
    private static readonly Dictionary<string, string> None = [];

    public static IReadOnlyList<ExpressionDescriptor> Descriptors { get; } =
    [
        new("Literal", "Literal", IsSerializable: true, IsBrowsable: false, None),
        new("Object", "Object", IsSerializable: true, IsBrowsable: false, Monaco("json")),
        new("Json", "Json", IsSerializable: true, IsBrowsable: false, Monaco("json")),
        // Delegates are code-only in Elsa; listed because Studio knows the type, never offered in the UI.
        new("Delegate", "Delegate", IsSerializable: false, IsBrowsable: false, None),
        new("Variable", "Variable", IsSerializable: true, IsBrowsable: true, None),
        new("Input", "Input", IsSerializable: true, IsBrowsable: true, None),
        new("JavaScript", "JavaScript", IsSerializable: true, IsBrowsable: true, Monaco("javascript")),
        new("Liquid", "Liquid", IsSerializable: true, IsBrowsable: true, Monaco("liquid")),
        new("CSharp", "C#", IsSerializable: true, IsBrowsable: true, Monaco("csharp")),
    ];

    public static IEndpointRouteBuilder MapExpressionDescriptors(this IEndpointRouteBuilder api)
    {
        api.MapGet("/descriptors/expression-descriptors", () => ElsaJson.Ok(new ListResponse<ExpressionDescriptor>(Descriptors)));
        return api;
    }

    private static Dictionary<string, string> Monaco(string language) => new() { ["MonacoLanguage"] = language };
}
