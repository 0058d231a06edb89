using System.Dynamic;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Workflows.Core.Expressions;

/// <summary>
/// Converts stored JSON values to plain CLR values for Liquid and C# (objects become <see cref="ExpandoObject"/>, so
/// C# can use them as <c>dynamic</c> and Liquid as dictionaries; arrays become lists) and results back to JSON.
/// </summary>
internal static class JsonClr
{
    public static object? ToClr(JsonNode? node) => node switch
    {
        null => null,
        JsonObject o => ToExpando(o),
        JsonArray a => a.Select(ToClr).ToList(),
        JsonValue v => ToPrimitive(v),
        _ => node.ToJsonString(),
    };

    public static JsonNode? ToJson(object? value) => ValueConverter.ToJson(value);

    private static ExpandoObject ToExpando(JsonObject o)
    {
        var expando = new ExpandoObject();
        var members = (IDictionary<string, object?>)expando;
        foreach (var (key, value) in o)
            members[key] = ToClr(value);
        return expando;
    }

    private static object? ToPrimitive(JsonValue v)
    {
        // A value built in memory holds its CLR value (int, decimal...), a parsed one a JsonElement: read both the same way.
        var element = v.TryGetValue<JsonElement>(out var parsed) ? parsed : JsonSerializer.SerializeToElement(v);
        return element.ValueKind switch
        {
            JsonValueKind.String => element.GetString(),
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            JsonValueKind.Number when element.TryGetInt64(out var l) => l,
            JsonValueKind.Number => element.GetDouble(),
            JsonValueKind.Null or JsonValueKind.Undefined => null,
            _ => element.GetRawText(),
        };
    }
}
