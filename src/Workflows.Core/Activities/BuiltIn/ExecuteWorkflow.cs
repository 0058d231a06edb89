using System.Text.Json.Nodes;
using Workflows.Core.Runtime;

namespace Workflows.Core.Activities.BuiltIn;

/// <summary>
/// Elsa's ExecuteWorkflow: starts an instance of another definition (published, else latest) as a child instance.
/// With WaitForCompletion it suspends on a bookmark until the child finishes, and Result is the child's output (as in
/// Elsa, which resumes it with the child's output). Without waiting it completes at once with Result
/// <c>{workflowInstanceId, status, subStatus, output}</c> of the child as dispatched: this engine never runs a child
/// inside the parent's step, so that is Running/Pending.
/// </summary>
[Activity("Elsa", "ExecuteWorkflow", Category = "Composition", Kind = Descriptors.ActivityKind.Task,
    Description = "Create a new workflow instance of the specified workflow and execute it.")]
public sealed class ExecuteWorkflow : Activity
{
    [Input(DisplayName = "Workflow Definition", Description = "The definition ID of the workflow to execute.", UIHint = "workflow-definition-picker", Order = 0)]
    public string? WorkflowDefinitionId { get; set; }

    [Input(DisplayName = "Correlation ID", Description = "The correlation ID to associate the workflow with.", Order = 1)]
    public string? CorrelationId { get; set; }

    [Input(Description = "The input to send to the workflow.", TypeName = "Object", DefaultSyntax = "Object", Order = 2)]
    public JsonNode? Input { get; set; }

    [Input(Description = "Wait for the child workflow to complete before completing this activity.", Order = 3)]
    public bool WaitForCompletion { get; set; }

    [Output(Description = "The child's output when waiting; else its instance id and status.")]
    public JsonNode? Result { get; set; }

    public override async ValueTask ExecuteAsync(ActivityContext context)
    {
        var childId = await ChildWorkflows.StartAsync(context, WorkflowDefinitionId, Input, CorrelationId, "ExecuteWorkflow");
        if (WaitForCompletion)
        {
            context.CreateBookmark(BookmarkNames.ChildWorkflow, new JsonObject { ["childInstanceId"] = childId });
            return;
        }
        context.SetOutput(nameof(Result), new JsonObject
        {
            ["workflowInstanceId"] = childId,
            ["status"] = nameof(Persistence.WorkflowStatus.Running),
            ["subStatus"] = nameof(Persistence.WorkflowSubStatus.Pending),
            ["output"] = new JsonObject(),
        });
        context.Complete();
    }

    public override ValueTask ResumeAsync(ActivityContext context, JsonNode? payload)
    {
        ChildWorkflows.CompleteFromChild(context, payload, nameof(Result));
        return ValueTask.CompletedTask;
    }
}
