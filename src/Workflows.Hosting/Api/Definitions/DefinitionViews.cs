using System.Text.Json;
using System.Text.Json.Nodes;
using Workflows.Core.Definitions;
using Workflows.Core.Management;
using Workflows.Core.Persistence;

namespace Workflows.Hosting.Api.Definitions;

/// <summary>
/// Turns stored versions into what Studio reads: the whole document (unknown keys kept) with the store's identity and
/// flags, every never-null member Studio dereferences, nodeIds on every activity, and the links.
/// </summary>
public static class DefinitionViews
{
    public const string MaterializerName = "Json";

    public static JsonObject ToDefinition(StoredWorkflowDefinition stored)
    {
        var json = WorkflowDefinitionFile.ToDocument(stored).Json;
        json["root"] ??= EmptyFlowchart();
        NodeIdNormalizer.Normalize((JsonObject)json["root"]!);
        json["isReadonly"] ??= false;
        json["materializerName"] ??= MaterializerName;
        json["links"] = JsonSerializer.SerializeToNode(
            DefinitionLinks.ForDefinition(stored.Id, stored.DefinitionId, IsReadonly(json)), WorkflowJson.Options);
        return json;
    }

    public static WorkflowDefinitionSummary ToSummary(StoredWorkflowDefinition stored)
    {
        var json = WorkflowJson.Parse(stored.Json) as JsonObject ?? [];
        var isReadonly = IsReadonly(json);
        return new WorkflowDefinitionSummary(
            stored.Id,
            stored.DefinitionId,
            stored.Name,
            ActivityJson.GetString(json, "description"),
            stored.Version,
            ActivityJson.GetString(json, "toolVersion"),
            stored.IsLatest,
            stored.IsPublished,
            stored.CreatedAt,
            MaterializerName,
            IsMaterializerAvailable: true,
            isReadonly,
            DefinitionLinks.ForDefinition(stored.Id, stored.DefinitionId, isReadonly));
    }

    private static bool IsReadonly(JsonObject json) => json["isReadonly"] is JsonValue v && v.TryGetValue<bool>(out var b) && b;

    /// <summary>A definition stored without a root still opens in the flowchart designer.</summary>
    private static JsonObject EmptyFlowchart() => new()
    {
        ["id"] = "root",
        ["type"] = "Elsa.Flowchart",
        ["version"] = 1,
        ["name"] = "Flowchart1",
        ["customProperties"] = new JsonObject(),
        ["metadata"] = new JsonObject(),
        ["activities"] = new JsonArray(),
        ["connections"] = new JsonArray(),
    };
}
