using System.Text.Json.Nodes;

namespace Workflows.Core.Definitions;

/// <summary>One activity of a compiled workflow: identity plus its raw JSON (inputs, bindings, custom properties).</summary>
public sealed record ActivityNode(string Id, string NodeId, string Type, int Version, string? Name, JsonObject Json)
{
    /// <summary>The parent activity's node id; null for the root.</summary>
    public string? ParentNodeId { get; init; }

    public JsonObject CustomProperties => Json["customProperties"] as JsonObject ?? [];

    /// <summary>Reads a flag from <c>customProperties</c>, or from the activity itself (older Elsa exports put it there).</summary>
    public bool GetFlag(string name)
    {
        var node = CustomProperties[name] ?? Json[name];
        return node is JsonValue v && v.TryGetValue<bool>(out var b) && b;
    }

    public bool CanStartWorkflow => GetFlag("canStartWorkflow");

    /// <summary>The JSON stored under an input's or output's camelCase name.</summary>
    public JsonNode? GetProperty(string pascalOrCamelName) => Json[Naming.Camelize(pascalOrCamelName)] ?? Json[pascalOrCamelName];

    /// <summary>An embedded child activity (e.g. ForEach's <c>body</c>), if present.</summary>
    public JsonObject? GetEmbedded(string portName) => GetProperty(portName) is JsonObject o && ActivityJson.IsActivity(o) ? o : null;
}
