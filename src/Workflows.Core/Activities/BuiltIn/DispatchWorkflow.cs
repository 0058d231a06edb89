using System.Text.Json.Nodes;
using Workflows.Core.Runtime;

namespace Workflows.Core.Activities.BuiltIn;

/// <summary>
/// Starts a child instance of another definition (published, else latest). With WaitForCompletion it suspends
/// until the child finishes and exposes the child's output as Result.
/// </summary>
[Activity("Elsa", "DispatchWorkflow", Category = "Composition", Kind = Descriptors.ActivityKind.Task, Description = "Start another workflow, optionally waiting for it.")]
public sealed class DispatchWorkflow : Activity
{
    [Input(Description = "The definition id of the workflow to start.", Order = 0)]
    public string? WorkflowDefinitionId { get; set; }

    [Input(Description = "Input for the child workflow (a JSON object).", TypeName = "Object", DefaultSyntax = "Object", Order = 1)]
    public JsonNode? Input { get; set; }

    [Input(Description = "Correlation id of the child; the parent's when empty.", Order = 2)]
    public string? CorrelationId { get; set; }

    [Input(Description = "Suspend until the child workflow finishes.", Order = 3)]
    public bool WaitForCompletion { get; set; }

    [Output(Description = "The child's output (when waiting).")]
    public JsonNode? Result { get; set; }

    [Output(Description = "The child's instance id.")]
    public string? ChildInstanceId { get; set; }

    [Input(Description = "Start a new trace context when using Open Telemetry (accepted for Elsa compatibility; traces follow the parent).", Category = "Open Telemetry", Order = 4)]
    public bool StartNewTrace { get; set; }

    [Input(DisplayName = "Channel", Description = "The channel to dispatch the workflow to (accepted for Elsa compatibility; this server has one channel).", Order = 5)]
    public string? ChannelName { get; set; }

    public override async ValueTask ExecuteAsync(ActivityContext context)
    {
        var childId = await ChildWorkflows.StartAsync(context, WorkflowDefinitionId, Input, CorrelationId, "DispatchWorkflow");
        context.SetOutput(nameof(ChildInstanceId), childId);
        if (WaitForCompletion)
            context.CreateBookmark(BookmarkNames.ChildWorkflow, new JsonObject { ["childInstanceId"] = childId });
        else
            context.Complete();
    }

    public override ValueTask ResumeAsync(ActivityContext context, JsonNode? payload)
    {
        ChildWorkflows.CompleteFromChild(context, payload, nameof(Result));
        return ValueTask.CompletedTask;
    }
}
