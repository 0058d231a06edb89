using System.Text.Json.Nodes;

namespace Workflows.Core.Definitions;

/// <summary>
/// A definition version compiled for execution: every activity by node id, every flowchart's graph. The document
/// is normalized on a copy, so nodeIds exist even for exports that lack them.
/// </summary>
public sealed class WorkflowModel
{
    private readonly Dictionary<string, ActivityNode> _nodes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, FlowchartGraph> _flowcharts = new(StringComparer.Ordinal);
    private readonly Dictionary<string, WorkflowActivityBody> _bodies = new(StringComparer.Ordinal);
    private readonly List<VariableDefinition> _bodyVariables = [];
    private readonly Func<JsonObject, Persistence.StoredWorkflowDefinition?>? _resolveWorkflowActivity;
    private readonly Stack<string> _definitionPath = new();

    private WorkflowModel(WorkflowDefinitionDocument document, Func<JsonObject, Persistence.StoredWorkflowDefinition?>? resolveWorkflowActivity)
    {
        _resolveWorkflowActivity = resolveWorkflowActivity;
        if (document.DefinitionId is { } definitionId)
            _definitionPath.Push(definitionId);
        Document = document;
        Variables = document.Variables;
        Inputs = document.Inputs;
        Outputs = document.Outputs;
        var root = document.Root ?? throw new InvalidOperationException("The definition has no root activity.");
        NodeIdNormalizer.Normalize(root);
        Root = Compile(root, parentNodeId: null);
    }

    /// <summary>A normalized copy of the definition.</summary>
    public WorkflowDefinitionDocument Document { get; }

    public ActivityNode Root { get; }
    public IReadOnlyList<VariableDefinition> Variables { get; }
    public IReadOnlyList<ArgumentDefinition> Inputs { get; }
    public IReadOnlyList<ArgumentDefinition> Outputs { get; }
    public IEnumerable<ActivityNode> Nodes => _nodes.Values;
    public IEnumerable<FlowchartGraph> Flowcharts => _flowcharts.Values;

    public static WorkflowModel Compile(WorkflowDefinitionDocument document) => new(document.Clone(), null);

    /// <summary>
    /// Compiles with workflows used as activities inlined: <paramref name="resolveWorkflowActivity"/> names the
    /// definition version an activity runs (null for ordinary activities); its root becomes the activity's body, with
    /// node ids under the activity's own, so the child runs nested in the parent's instance. Throws on a cycle.
    /// </summary>
    public static WorkflowModel Compile(WorkflowDefinitionDocument document, Func<JsonObject, Persistence.StoredWorkflowDefinition?>? resolveWorkflowActivity) =>
        new(document.Clone(), resolveWorkflowActivity);

    /// <summary>The inlined body of a workflow used as an activity, by the activity's node id.</summary>
    public WorkflowActivityBody? GetWorkflowActivityBody(string nodeId) => _bodies.GetValueOrDefault(nodeId);

    public ActivityNode GetNode(string nodeId) =>
        _nodes.TryGetValue(nodeId, out var node) ? node : throw new KeyNotFoundException($"Unknown activity node '{nodeId}'.");

    public FlowchartGraph GetFlowchart(string nodeId) =>
        _flowcharts.TryGetValue(nodeId, out var graph) ? graph : throw new KeyNotFoundException($"'{nodeId}' is not a flowchart.");

    /// <summary>The graph of flowchart <paramref name="nodeId"/>, or null when that node is not a flowchart.</summary>
    public FlowchartGraph? FindFlowchart(string nodeId) => _flowcharts.GetValueOrDefault(nodeId);

    /// <summary>Resolves a variable by id or name.</summary>
    /// <remarks>Variables of inlined workflow bodies are found too (by id first): their values live in the body's scope.</remarks>
    public VariableDefinition? FindVariable(string idOrName) =>
        Variables.FirstOrDefault(v => v.Id == idOrName) ?? Variables.FirstOrDefault(v => v.Name == idOrName)
        ?? _bodyVariables.FirstOrDefault(v => v.Id == idOrName) ?? _bodyVariables.FirstOrDefault(v => v.Name == idOrName);

    private ActivityNode Compile(JsonObject json, string? parentNodeId)
    {
        var node = new ActivityNode(
            ActivityJson.GetString(json, "id") ?? json["id"]?.ToJsonString() ?? string.Empty,
            ActivityJson.GetString(json, "nodeId")!,
            ActivityJson.GetString(json, "type") ?? string.Empty,
            json["version"] is JsonValue v && v.TryGetValue<int>(out var version) ? version : 0,
            ActivityJson.GetString(json, "name"),
            json) { ParentNodeId = parentNodeId };
        _nodes[node.NodeId] = node;

        if (_resolveWorkflowActivity?.Invoke(json) is { } definition)
            Inline(node, definition);
        var children = ActivityJson.ChildActivities(json).Select(c => (c.Property, Node: Compile(c.Child, node.NodeId))).ToList();
        if (node.Type == "Elsa.Flowchart")
        {
            var activities = children.Where(c => c.Property == "activities").Select(c => c.Node).ToList();
            var connections = (json["connections"] as JsonArray ?? [])
                .OfType<JsonObject>()
                .Select(FlowConnection.Parse)
                .OfType<FlowConnection>()
                .ToList();
            _flowcharts[node.NodeId] = new FlowchartGraph(node, activities, connections);
        }
        return node;
    }

    private void Inline(ActivityNode node, Persistence.StoredWorkflowDefinition definition)
    {
        if (_definitionPath.Contains(definition.DefinitionId))
            throw new InvalidOperationException(
                $"Activity '{node.Id}' runs workflow '{definition.DefinitionId}', which is already running it: " +
                $"{string.Join(" -> ", _definitionPath.Reverse().Append(definition.DefinitionId))}. A workflow cannot use itself as an activity.");
        var document = WorkflowDefinitionDocument.Parse(definition.Json);
        var root = (JsonObject)(document.Root ?? throw new InvalidOperationException($"Workflow '{definition.DefinitionId}' has no root activity.")).DeepClone();
        NodeIdNormalizer.Renumber(root, node.NodeId);
        _definitionPath.Push(definition.DefinitionId);
        var body = Compile(root, node.NodeId);
        _definitionPath.Pop();
        _bodyVariables.AddRange(document.Variables);
        _bodies[node.NodeId] = new WorkflowActivityBody(definition, body, document.Variables, document.Inputs, document.Outputs);
    }
}
