using System.Text.Json.Nodes;
using Workflows.Core.Definitions;

namespace Workflows.Core.Expressions;

/// <summary>An expression as stored in a wrapped input: <c>{"type":"Literal","value":...}</c>.</summary>
public sealed record Expression(string Type, JsonNode? Value)
{
    public const string Literal = "Literal";
    public const string Object = "Object";
    public const string Json = "Json";
    public const string Variable = "Variable";
    public const string Input = "Input";
    public const string JavaScript = "JavaScript";
    public const string Liquid = "Liquid";
    public const string CSharp = "CSharp";

    public static IReadOnlyList<string> KnownTypes { get; } = [Literal, Object, Json, Variable, Input, JavaScript, Liquid, CSharp];

    /// <summary>
    /// Reads an input property: a wrapped input (<c>{"typeName"?, "expression":{...}}</c>; typeName may be null, as Studio
    /// writes it) becomes its expression, one with only a memory reference reads that variable; anything else is an
    /// unwrapped raw value, treated as a literal.
    /// </summary>
    public static Expression? FromInput(JsonNode? input)
    {
        if (input is null)
            return null;
        if (input is JsonObject o && (o.ContainsKey("expression") || o.ContainsKey("typeName") || o.ContainsKey("memoryReference")))
        {
            if (o["expression"] is not JsonObject e)
                return FromMemoryReference(o);
            return new Expression(ActivityJson.GetString(e, "type") ?? Literal, e["value"]?.DeepClone());
        }
        return new Expression(Literal, input.DeepClone());
    }

    /// <summary>
    /// An input bound to a variable by its memory reference alone, as Elsa writes an <c>Input&lt;T&gt;(variable)</c>, reads
    /// that variable. A workflow used as an activity whose input and output share a name (run-tail's RunId) carries one
    /// such property for both: read as null, the body lost the value it passes on (serve-canonical got no RunId).
    /// </summary>
    private static Expression? FromMemoryReference(JsonObject input) =>
        input["memoryReference"] is JsonObject reference && ActivityJson.GetString(reference, "id") is { Length: > 0 } id
            ? new Expression(Variable, JsonValue.Create(id))
            : null;

    /// <summary>The expression value as text (JavaScript source, variable name, JSON text...).</summary>
    public string? Text => Value is JsonValue v && v.TryGetValue<string>(out var s) ? s : Value?.ToJsonString();
}
