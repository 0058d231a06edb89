using System.Text.Json.Nodes;
using Workflows.Core.Runtime;

namespace Workflows.Core.Activities.BuiltIn;

/// <summary>
/// Starts a child instance of another definition (published, else latest). With WaitForCompletion it suspends
/// until the child finishes and exposes the child's output as Result.
/// </summary>
[Activity("Elsa", "DispatchWorkflow", Category = "Composition", Description = "Start another workflow, optionally waiting for it.")]
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

    public override async ValueTask ExecuteAsync(ActivityContext context)
    {
        if (string.IsNullOrWhiteSpace(WorkflowDefinitionId))
            throw new InvalidOperationException($"DispatchWorkflow '{context.Node.Id}' has no workflow definition id.");
        var input = Input as JsonObject ?? [];
        var childId = await context.StartChildWorkflowAsync(WorkflowDefinitionId, input, string.IsNullOrWhiteSpace(CorrelationId) ? null : CorrelationId);
        context.SetOutput(nameof(ChildInstanceId), childId);
        if (WaitForCompletion)
            context.CreateBookmark(BookmarkNames.ChildWorkflow, new JsonObject { ["childInstanceId"] = childId });
        else
            context.Complete();
    }

    public override ValueTask ResumeAsync(ActivityContext context, JsonNode? payload)
    {
        context.SetOutput(nameof(Result), payload?["output"]);
        var subStatus = payload?["subStatus"]?.GetValue<string>();
        // A child that ran to its end and reported a fault it handled (a failed test run) is a result, not a breakage:
        // its output says how it ended. Any other fault or a cancellation faults this activity.
        var reported = payload?["faultReported"]?.GetValue<bool>() == true;
        if (subStatus is not null && subStatus != nameof(Persistence.WorkflowSubStatus.Finished) && !reported)
            throw new InvalidOperationException($"Child workflow {payload?["childInstanceId"]} ended {subStatus}.");
        if (reported)
            context.ReportFault($"Child workflow {payload?["childInstanceId"]} ended Faulted (a fault it reported and handled).");
        context.Complete();
        return ValueTask.CompletedTask;
    }
}
