using System.Text.Json.Nodes;
using Workflows.Core.Runtime;

namespace Workflows.Core.Activities.BuiltIn;

/// <summary>
/// Starts one child instance of a definition per item (the item as input <c>Item</c>, or as the whole input when it is
/// an object), plus the common Input. Waiting (the default) it completes with Completed and Done once every child
/// finished; otherwise with Done at once.
/// </summary>
[Activity("Elsa", "BulkDispatchWorkflows", Category = "Composition", DisplayName = "Bulk Dispatch Workflows",
    Description = "Create new workflow instances for each item in the data source and dispatch them for execution.", Kind = Descriptors.ActivityKind.Task)]
[FlowPort("Completed")]
[FlowPort(FlowPorts.Done)]
public sealed class BulkDispatchWorkflows : Activity
{
    private const string PendingKey = "pendingChildren";

    [Input(Description = "The definition id of the workflows to start.", Order = 0)]
    public string? WorkflowDefinitionId { get; set; }

    [Input(Description = "The items: one child workflow each.", TypeName = "Object", DefaultSyntax = "Object", Order = 1)]
    public JsonNode? Items { get; set; }

    [Input(Description = "The input name an item is passed as (unless the item is an object).", DefaultValueJson = "\"Item\"", Order = 2)]
    public string? DefaultItemInputKey { get; set; }

    [Input(Description = "Additional input for every child (a JSON object).", TypeName = "Object", DefaultSyntax = "Object", Order = 3)]
    public JsonNode? Input { get; set; }

    [Input(Description = "Wait until every child workflow finished.", DefaultValueJson = "true", Order = 4)]
    public bool WaitForCompletion { get; set; } = true;

    public override async ValueTask ExecuteAsync(ActivityContext context)
    {
        if (string.IsNullOrWhiteSpace(WorkflowDefinitionId))
            throw new InvalidOperationException($"BulkDispatchWorkflows '{context.Node.Id}' has no workflow definition id.");
        var key = string.IsNullOrWhiteSpace(DefaultItemInputKey) ? "Item" : DefaultItemInputKey;
        var pending = new JsonArray();
        foreach (var item in LoopItems.From(Items))
        {
            var input = Input as JsonObject is { } common ? (JsonObject)common.DeepClone() : [];
            if (item is JsonObject fields)
                foreach (var (name, value) in fields)
                    input[name] = value?.DeepClone();
            else
                input[key] = item?.DeepClone();
            var childId = await context.StartChildWorkflowAsync(WorkflowDefinitionId, input, null);
            pending.Add(childId);
            if (WaitForCompletion)
                context.CreateBookmark(BookmarkNames.ChildWorkflow, new JsonObject { ["childInstanceId"] = childId });
        }
        context.Properties[PendingKey] = pending;
        if (!WaitForCompletion || pending.Count == 0)
            context.Complete();
    }

    public override ValueTask ResumeAsync(ActivityContext context, JsonNode? payload)
    {
        var pending = context.Properties[PendingKey] as JsonArray ?? [];
        var childId = payload?["childInstanceId"]?.GetValue<string>();
        if (pending.FirstOrDefault(p => p?.GetValue<string>() == childId) is { } done)
            pending.Remove(done);
        if (pending.Count == 0)
            context.Complete("Completed", FlowPorts.Done);
        return ValueTask.CompletedTask;
    }
}
