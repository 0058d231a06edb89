using System.Text.Json.Nodes;
using Workflows.Core.Definitions;
using Workflows.Core.Expressions;
using Workflows.Core.Runtime;

namespace Workflows.Core.Activities.BuiltIn;

/// <summary>
/// The <c>cases</c> of Switch and FlowSwitch: <c>[{"label", "condition": {"type","value"}, "activity"?}]</c>. A case
/// matches when its condition evaluates to true; the mode picks the first match or all of them.
/// </summary>
internal static class SwitchCases
{
    public static IReadOnlyList<JsonObject> Matching(ActivityContext context, JsonNode? cases, SwitchMode mode)
    {
        var matching = new List<JsonObject>();
        foreach (var @case in All(cases))
        {
            if (!IsTrue(context.Evaluate(@case["condition"])))
                continue;
            matching.Add(@case);
            if (mode == SwitchMode.MatchFirst)
                break;
        }
        return matching;
    }

    public static string Label(JsonObject @case) => ActivityJson.GetString(@case, "label") ?? string.Empty;

    /// <summary>Accepts the cases as an array or as JSON text of one (how some exports wrap them).</summary>
    private static IEnumerable<JsonObject> All(JsonNode? cases) => cases switch
    {
        JsonArray array => array.OfType<JsonObject>(),
        JsonValue v when v.TryGetValue<string>(out var text) && text.TrimStart().StartsWith('[') => All(JsonNode.Parse(text)),
        JsonObject o when o["expression"] is JsonObject e => All(e["value"]),
        _ => [],
    };

    private static bool IsTrue(JsonNode? value)
    {
        try
        {
            return value is not null && ValueConverter.ToClr(value, typeof(bool)) is true;
        }
        catch (FormatException)
        {
            return false;
        }
    }
}
