using System.Text.Json.Nodes;
using Workflows.Core.Runtime;

namespace Workflows.Core.Activities.BuiltIn;

/// <summary>What DispatchWorkflow and ExecuteWorkflow share: starting a child instance and taking its end back.</summary>
internal static class ChildWorkflows
{
    public static Task<string> StartAsync(ActivityContext context, string? definitionId, JsonNode? input, string? correlationId, string activityName)
    {
        if (string.IsNullOrWhiteSpace(definitionId))
            throw new InvalidOperationException($"{activityName} '{context.Node.Id}' has no workflow definition id: set WorkflowDefinitionId.");
        return context.StartChildWorkflowAsync(definitionId, input as JsonObject ?? [], string.IsNullOrWhiteSpace(correlationId) ? null : correlationId);
    }

    /// <summary>
    /// Sets the child's output as <paramref name="resultOutput"/> and completes. A child that ran to its end and reported
    /// a fault it handled (a failed test run) is a result, not a breakage: its output says how it ended. Any other fault
    /// or a cancellation faults this activity.
    /// </summary>
    public static void CompleteFromChild(ActivityContext context, JsonNode? payload, string resultOutput)
    {
        context.SetOutput(resultOutput, payload?["output"]);
        var subStatus = payload?["subStatus"]?.GetValue<string>();
        var reported = payload?["faultReported"]?.GetValue<bool>() == true;
        if (subStatus is not null && subStatus != nameof(Persistence.WorkflowSubStatus.Finished) && !reported)
            throw new InvalidOperationException($"Child workflow {payload?["childInstanceId"]} ended {subStatus}.");
        if (reported)
            context.ReportFault($"Child workflow {payload?["childInstanceId"]} ended Faulted (a fault it reported and handled).");
        context.Complete();
    }
}
