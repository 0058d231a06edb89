using System.Text.Json.Nodes;
using Workflows.Core.Definitions;
using Workflows.Core.Descriptors;
using Workflows.Core.Persistence;

namespace Workflows.Core.Activities.WorkflowDefinitions;

/// <summary>
/// The descriptor of a workflow definition used as an activity (Elsa's WorkflowDefinitionActivityDescriptorFactory):
/// the definition's inputs and outputs as synthetic inputs and outputs, its <c>outcomes</c> as flow ports, its
/// activity category (<c>Workflows</c> by default), browsable only when published.
/// </summary>
public static class WorkflowActivityDescriber
{
    public const string DefaultCategory = "Workflows";

    // Properties of Elsa's WorkflowDefinitionActivity: an input or output with one of these names is stored on the node
    // under a '_' prefix (Elsa's PropertyNameHelper), so it cannot overwrite the activity's own keys.
    private static readonly HashSet<string> Reserved = new(StringComparer.Ordinal)
    {
        "Id", "NodeId", "Name", "Type", "Version", "CustomProperties", "SyntheticProperties", "Metadata", "CanStartWorkflow",
        "RunAsynchronously", "Root", "Variables", "WorkflowDefinitionId", "WorkflowDefinitionVersionId",
        "LatestAvailablePublishedVersion", "LatestAvailablePublishedVersionId", "Source", "Line",
    };

    /// <summary>The node property (and descriptor name) of a workflow input or output.</summary>
    public static string SafeName(string name) => Reserved.Contains(name) ? "_" + name : name;

    public static ActivityDescriptor Describe(StoredWorkflowDefinition definition, WorkflowDefinitionDocument document)
    {
        var typeName = WorkflowActivityTypes.TypeNameFor(document.Name, definition.DefinitionId);
        var inputs = (document.Json["inputs"] as JsonArray ?? []).OfType<JsonObject>()
            .Where(i => ActivityJson.GetString(i, "name") is not null)
            .Select((i, index) => DescribeInput(i, index))
            .ToList();
        var outputs = (document.Json["outputs"] as JsonArray ?? []).OfType<JsonObject>()
            .Where(o => ActivityJson.GetString(o, "name") is not null)
            .Select((o, index) => new OutputDescriptor
            {
                Name = SafeName(ActivityJson.GetString(o, "name")!),
                TypeName = ActivityJson.GetString(o, "type") ?? "Object",
                DisplayName = ActivityJson.GetString(o, "displayName") ?? ActivityJson.GetString(o, "name")!,
                Description = ActivityJson.GetString(o, "description"),
                Order = index,
                IsSynthetic = true,
            })
            .ToList();
        var outcomes = (document.Json["outcomes"] as JsonArray ?? []).OfType<JsonValue>()
            .Select(v => v.TryGetValue<string>(out var s) ? s : null).OfType<string>().ToList();
        var ports = new List<PortDescriptor> { new("Root", "Root", PortType.Embedded, IsBrowsable: false) };
        ports.AddRange((outcomes.Count == 0 ? [FlowPorts.Done] : outcomes).Select(o => new PortDescriptor(o, o, PortType.Flow)));

        var construction = new JsonObject
        {
            ["WorkflowDefinitionId"] = definition.DefinitionId,
            ["WorkflowDefinitionVersionId"] = definition.Id,
            ["LatestAvailablePublishedVersion"] = definition.Version,
            ["LatestAvailablePublishedVersionId"] = definition.Id,
        };
        foreach (var input in inputs)
            construction[input.Name] = new JsonObject
            {
                ["typeName"] = input.TypeName,
                ["expression"] = new JsonObject { ["type"] = "Literal", ["value"] = "" },
            };
        var options = document.Json["options"] as JsonObject;
        return new ActivityDescriptor
        {
            TypeName = typeName,
            Namespace = string.Empty,
            Name = typeName,
            Version = definition.Version,
            Category = (options is null ? null : ActivityJson.GetString(options, "activityCategory")) is { Length: > 0 } category ? category : DefaultCategory,
            DisplayName = document.Name ?? typeName,
            Description = ActivityJson.GetString(document.Json, "description"),
            Kind = ActivityKind.Action,
            Inputs = inputs,
            Outputs = outputs,
            Ports = ports,
            IsBrowsable = definition.IsPublished,
            ConstructionProperties = construction,
            CustomProperties = new JsonObject
            {
                ["RootType"] = "WorkflowDefinitionActivity",
                ["WorkflowDefinitionId"] = definition.DefinitionId,
                ["WorkflowDefinitionVersionId"] = definition.Id,
            },
        };
    }

    private static InputDescriptor DescribeInput(JsonObject input, int index)
    {
        var name = ActivityJson.GetString(input, "name")!;
        return new InputDescriptor
        {
            Name = SafeName(name),
            TypeName = ActivityJson.GetString(input, "type") ?? "Object",
            DisplayName = ActivityJson.GetString(input, "displayName") ?? name,
            Description = ActivityJson.GetString(input, "description"),
            Order = index,
            IsSynthetic = true,
            UIHint = ActivityJson.GetString(input, "uiHint") ?? "singleline",
            Category = ActivityJson.GetString(input, "category"),
            StorageDriverType = ActivityJson.GetString(input, "storageDriverType"),
        };
    }
}
