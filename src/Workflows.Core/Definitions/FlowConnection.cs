using System.Text.Json.Nodes;
using Workflows.Core.Activities;

namespace Workflows.Core.Definitions;

/// <summary>A flowchart connection between activity ids. Missing ports default to Done (source) and In (target).</summary>
public sealed record FlowConnection(string Source, string SourcePort, string Target, string TargetPort)
{
    /// <summary>
    /// Reads both Elsa encodings: <c>{"source":{"activity","port"},"target":{...}}</c> (3.x) and
    /// <c>{"source":"id","sourcePort":..,"target":"id","targetPort":..}</c> (early 3.0 exports).
    /// </summary>
    public static FlowConnection? Parse(JsonObject json)
    {
        var (source, sourcePort) = ReadEndpoint(json["source"], json["sourcePort"]);
        var (target, targetPort) = ReadEndpoint(json["target"], json["targetPort"]);
        if (source is null || target is null)
            return null;
        return new FlowConnection(source, sourcePort ?? FlowPorts.Done, target, targetPort ?? FlowPorts.In);
    }

    private static (string? Activity, string? Port) ReadEndpoint(JsonNode? endpoint, JsonNode? legacyPort)
    {
        if (endpoint is JsonObject o)
            return (ActivityJson.GetString(o, "activity"), ActivityJson.GetString(o, "port"));
        var id = endpoint is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
        var port = legacyPort is JsonValue p && p.TryGetValue<string>(out var ps) ? ps : null;
        return (id, port);
    }
}
