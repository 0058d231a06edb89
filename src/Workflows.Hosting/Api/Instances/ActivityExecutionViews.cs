using System.Text.Json.Nodes;
using Workflows.Core.Definitions;
using Workflows.Core.Persistence;

namespace Workflows.Hosting.Api.Instances;

/// <summary>
/// Elsa's activity-execution shapes (<c>ActivityExecutionRecord</c>, <c>ActivityExecutionRecordSummary</c>,
/// <c>ActivityExecutionStats</c>) built from our execution records. Studio reads them with a case-sensitive,
/// string-enum client, so statuses use Elsa's names and the exception is an object, never a string.
/// </summary>
public static class ActivityExecutionViews
{
    public static ActivityExecutionView ToView(ActivityExecutionRecord r)
    {
        var outcomes = Parse(r.OutcomesJson);
        return new ActivityExecutionView(
            r.Id, r.WorkflowInstanceId, r.ActivityId, r.ActivityNodeId, r.ActivityType, r.ActivityTypeVersion, r.ActivityName,
            Parse(r.InputsJson), new JsonObject { ["Outcomes"] = outcomes?.DeepClone() }, Parse(r.OutputsJson), outcomes,
            new JsonObject(), new JsonObject(), ExceptionView.From(r.Exception), r.StartedAt, r.HasBookmarks, ElsaStatus(r.Status),
            IsFaulted(r) ? 1 : 0, r.CompletedAt);
    }

    public static ActivityExecutionSummaryView ToSummary(ActivityExecutionRecord r) => new(
        r.Id, r.WorkflowInstanceId, r.ActivityId, r.ActivityNodeId, r.ActivityType, r.ActivityTypeVersion, r.ActivityName,
        r.StartedAt, r.HasBookmarks, new JsonObject(), ElsaStatus(r.Status), r.CompletedAt);

    /// <summary>How often one node ran, and whether it is waiting (bookmarked, not completed) or faulted.</summary>
    public static ActivityExecutionStatsView ToStats(string nodeId, IReadOnlyList<ActivityExecutionRecord> executions)
    {
        var completed = executions.Count(e => e.CompletedAt is not null);
        return new ActivityExecutionStatsView(
            executions[0].ActivityId, nodeId, executions.Count, completed, executions.Count - completed,
            executions.Any(e => e.HasBookmarks && e.CompletedAt is null), executions.Any(IsFaulted), new JsonObject());
    }

    /// <summary>
    /// Elsa's <c>ActivityStatus</c> is Pending, Running, Completed, Canceled or Faulted: a suspended activity is
    /// Running with bookmarks there, and Canceled has one l.
    /// </summary>
    public static string ElsaStatus(string status) => status switch
    {
        "Suspended" => "Running",
        "Cancelled" => "Canceled",
        _ => status,
    };

    private static bool IsFaulted(ActivityExecutionRecord r) => r.Status == "Faulted";

    private static JsonNode? Parse(string? json) => string.IsNullOrWhiteSpace(json) ? null : WorkflowJson.Parse(json);
}

/// <summary>
/// Elsa's <c>ActivityExecutionRecord</c> plus our <c>outcomes</c>. Studio reads the outcomes from <c>payload.Outcomes</c>:
/// dictionary keys are not re-cased, so that key stays PascalCase as Elsa writes it.
/// </summary>
public sealed record ActivityExecutionView(
    string Id, string WorkflowInstanceId, string ActivityId, string ActivityNodeId, string ActivityType, int ActivityTypeVersion,
    string? ActivityName, JsonNode? ActivityState, JsonObject Payload, JsonNode? Outputs, JsonNode? Outcomes, JsonObject Properties,
    JsonObject Metadata, ExceptionView? Exception, DateTimeOffset StartedAt, bool HasBookmarks, string Status, int AggregateFaultCount,
    DateTimeOffset? CompletedAt);

/// <summary>Elsa's <c>ActivityExecutionRecordSummary</c>: an activity execution without its state and outputs.</summary>
public sealed record ActivityExecutionSummaryView(
    string Id, string WorkflowInstanceId, string ActivityId, string ActivityNodeId, string ActivityType, int ActivityTypeVersion,
    string? ActivityName, DateTimeOffset StartedAt, bool HasBookmarks, JsonObject Metadata, string Status, DateTimeOffset? CompletedAt);

/// <summary>Elsa's <c>ActivityExecutionCallStack</c>: the chain of an activity execution, root first.</summary>
public sealed record ActivityCallStackView(string ActivityExecutionId, IReadOnlyList<ActivityExecutionView> Items, long TotalCount);

/// <summary>Elsa's <c>ActivityExecutionStats</c>.</summary>
public sealed record ActivityExecutionStatsView(
    string ActivityId, string ActivityNodeId, long StartedCount, long CompletedCount, long UncompletedCount, bool IsBlocked, bool IsFaulted,
    JsonObject Metadata);

/// <summary>The answer of <c>POST /activity-executions/report</c> (Elsa's <c>ActivityExecutionReport</c>).</summary>
public sealed record ActivityExecutionReportView(IReadOnlyList<ActivityExecutionStatsView> Stats);

/// <summary>The body of <c>POST /activity-executions/report</c>.</summary>
public sealed record ActivityExecutionReportRequest(string? WorkflowInstanceId, IReadOnlyList<string>? ActivityNodeIds);

/// <summary>Elsa's <c>ResolvedVariable</c>: a workflow variable's id, name and current value.</summary>
public sealed record ResolvedVariableView(string Id, string Name, JsonNode? Value);
