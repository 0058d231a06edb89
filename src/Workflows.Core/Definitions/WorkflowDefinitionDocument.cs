using System.Text.Json.Nodes;

namespace Workflows.Core.Definitions;

/// <summary>
/// An Elsa 3 workflow definition kept as its JSON object, so that keys this engine does not know survive a
/// read/write round trip. Typed accessors read and write the well-known fields in place.
/// </summary>
public sealed class WorkflowDefinitionDocument
{
    private WorkflowDefinitionDocument(JsonObject json) => Json = json;

    /// <summary>The whole document. Mutations are visible through the accessors.</summary>
    public JsonObject Json { get; }

    public static WorkflowDefinitionDocument Parse(string json) => new(WorkflowJson.ParseObject(json));

    public static WorkflowDefinitionDocument FromJson(JsonObject json) => new(json);

    public WorkflowDefinitionDocument Clone() => new((JsonObject)Json.DeepClone());

    public string? Id { get => Get("id"); set => Json["id"] = value; }
    public string? DefinitionId { get => Get("definitionId"); set => Json["definitionId"] = value; }
    public string? Name { get => Get("name"); set => Json["name"] = value; }
    public int Version { get => Json["version"]?.GetValue<int>() ?? 0; set => Json["version"] = value; }
    public bool IsLatest { get => GetBool("isLatest"); set => Json["isLatest"] = value; }
    public bool IsPublished { get => GetBool("isPublished"); set => Json["isPublished"] = value; }

    public DateTimeOffset? CreatedAt
    {
        get => Json["createdAt"] is JsonValue v && v.TryGetValue<DateTimeOffset>(out var d) ? d : null;
        set => Json["createdAt"] = value;
    }

    /// <summary>The root activity (usually <c>Elsa.Flowchart</c>).</summary>
    public JsonObject? Root => Json["root"] as JsonObject;

    /// <summary>Workflow variables: the document's own plus any declared on the root flowchart.</summary>
    public IReadOnlyList<VariableDefinition> Variables =>
        ReadVariables(Json["variables"]).Concat(ReadVariables(Root?["variables"])).ToList();

    public IReadOnlyList<ArgumentDefinition> Inputs => ReadArguments(Json["inputs"]);
    public IReadOnlyList<ArgumentDefinition> Outputs => ReadArguments(Json["outputs"]);

    /// <summary><c>options.incidentStrategyType</c>; contains "Continue" for Elsa's ContinueWithIncidentsStrategy.</summary>
    public string? IncidentStrategyType => (Json["options"] as JsonObject) is { } o ? ActivityJson.GetString(o, "incidentStrategyType") : null;

    /// <summary>
    /// Prepares the document for Studio: nodeIds on every activity, and never-null collections and options
    /// (a null there breaks the editor). Returns true when anything was added.
    /// </summary>
    public bool Normalize()
    {
        var changed = false;
        foreach (var key in new[] { "variables", "inputs", "outputs", "outcomes" })
            changed |= Ensure(key, () => new JsonArray());
        changed |= Ensure("customProperties", () => new JsonObject());
        changed |= Ensure("options", () => new JsonObject());
        if (Root is { } root)
            changed |= NodeIdNormalizer.Normalize(root);
        return changed;
    }

    public string ToJsonString(bool indented = true) =>
        Json.ToJsonString(indented ? WorkflowJson.IndentedOptions : WorkflowJson.Options);

    private bool Ensure(string key, Func<JsonNode> create)
    {
        if (Json[key] is not null)
            return false;
        Json[key] = create();
        return true;
    }

    private string? Get(string key) => ActivityJson.GetString(Json, key);

    private bool GetBool(string key) => Json[key] is JsonValue v && v.TryGetValue<bool>(out var b) && b;

    private static IEnumerable<VariableDefinition> ReadVariables(JsonNode? node)
    {
        if (node is not JsonArray array)
            yield break;
        foreach (var item in array.OfType<JsonObject>())
        {
            var name = ActivityJson.GetString(item, "name");
            if (name is null)
                continue;
            yield return new VariableDefinition(
                ActivityJson.GetString(item, "id") ?? name,
                name,
                ActivityJson.GetString(item, "typeName"),
                item["isArray"] is JsonValue a && a.TryGetValue<bool>(out var isArray) && isArray,
                item["value"]?.DeepClone());
        }
    }

    private static List<ArgumentDefinition> ReadArguments(JsonNode? node) =>
        node is not JsonArray array
            ? []
            : array.OfType<JsonObject>()
                .Where(o => ActivityJson.GetString(o, "name") is not null)
                .Select(o => new ArgumentDefinition(
                    ActivityJson.GetString(o, "name")!,
                    ActivityJson.GetString(o, "type"),
                    o["isArray"] is JsonValue a && a.TryGetValue<bool>(out var isArray) && isArray))
                .ToList();
}
