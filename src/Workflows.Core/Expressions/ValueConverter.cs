using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Workflows.Core.Definitions;

namespace Workflows.Core.Expressions;

/// <summary>
/// Converts evaluated JSON values to CLR input types and back. Tolerates Elsa's literal habits: booleans as
/// "True", numbers as strings, TimeSpans as "00:00:05", lists as JSON text (<c>"[\"GET\"]"</c>).
/// </summary>
public static class ValueConverter
{
    public static object? ToClr(JsonNode? node, Type target)
    {
        var underlying = Nullable.GetUnderlyingType(target) ?? target;
        if (node is null)
            return target.IsValueType && Nullable.GetUnderlyingType(target) is null ? Activator.CreateInstance(target) : null;
        if (underlying == typeof(JsonNode) || underlying == typeof(object) && node is not JsonValue)
            return node.DeepClone();
        if (underlying == typeof(object))
            return ToPlain(node);
        var text = node is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
        if (underlying == typeof(string))
            return text ?? node.ToJsonString();
        if (text is not null)
        {
            if (underlying == typeof(bool))
                return string.IsNullOrWhiteSpace(text) ? false : bool.Parse(text.Trim());
            if (underlying == typeof(TimeSpan))
                return string.IsNullOrWhiteSpace(text) ? TimeSpan.Zero : TimeSpan.Parse(text.Trim(), CultureInfo.InvariantCulture);
            if (underlying.IsEnum)
                return Enum.Parse(underlying, text.Trim(), ignoreCase: true);
            if (IsCollection(underlying))
                return string.IsNullOrWhiteSpace(text) ? JsonSerializer.Deserialize("[]", target, WorkflowJson.Options)
                    : text.TrimStart().StartsWith('[') ? JsonSerializer.Deserialize(text, target, WorkflowJson.Options)
                    : JsonSerializer.Deserialize(new JsonArray(text), target, WorkflowJson.Options);
            if (underlying.IsPrimitive || underlying == typeof(decimal))
                return string.IsNullOrWhiteSpace(text) ? Activator.CreateInstance(underlying) : Convert.ChangeType(text.Trim(), underlying, CultureInfo.InvariantCulture);
        }
        return node.Deserialize(target, WorkflowJson.Options);
    }

    public static JsonNode? ToJson(object? value) => value switch
    {
        null => null,
        JsonNode node => node.DeepClone(),
        _ => JsonSerializer.SerializeToNode(value, value.GetType(), WorkflowJson.Options),
    };

    /// <summary>Converts a value to the declared type of a variable (e.g. Int32, Boolean); unknown types are kept.</summary>
    public static JsonNode? ToVariableType(JsonNode? value, string? typeName)
    {
        var target = typeName switch
        {
            "Int32" => typeof(int),
            "Int64" => typeof(long),
            "Double" or "Decimal" or "Single" => typeof(double),
            "Boolean" => typeof(bool),
            "String" => typeof(string),
            "TimeSpan" => typeof(TimeSpan),
            _ => null,
        };
        if (target is null || value is null)
            return value;
        try
        {
            if (target == typeof(int) && value is JsonValue jv && jv.TryGetValue<double>(out var d))
                return JsonValue.Create((int)Math.Round(d));
            return ToJson(ToClr(value, target));
        }
        catch (Exception e) when (e is FormatException or JsonException or InvalidCastException or OverflowException)
        {
            return value;
        }
    }

    /// <summary>Plain CLR value of a JSON scalar (string, bool, long or double).</summary>
    public static object? ToPlain(JsonNode? node) => node switch
    {
        null => null,
        JsonValue v when v.TryGetValue<string>(out var s) => s,
        JsonValue v when v.TryGetValue<bool>(out var b) => b,
        JsonValue v when v.TryGetValue<long>(out var l) => l,
        JsonValue v when v.TryGetValue<double>(out var d) => d,
        _ => node.DeepClone(),
    };

    private static bool IsCollection(Type type) =>
        type != typeof(string) && (type.IsArray || type.IsGenericType && typeof(System.Collections.IEnumerable).IsAssignableFrom(type));
}
