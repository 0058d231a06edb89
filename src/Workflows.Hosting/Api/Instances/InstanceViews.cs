using System.Text.Json.Nodes;
using Workflows.Core.Definitions;
using Workflows.Core.Persistence;

namespace Workflows.Hosting.Api.Instances;

/// <summary>Elsa's instance shapes: <c>WorkflowInstanceSummary</c>, <c>WorkflowInstanceModel</c> and <c>WorkflowState</c>.</summary>
public static class InstanceViews
{
    public static InstanceSummary ToSummary(WorkflowInstanceRecord r) => new(
        r.Id, r.DefinitionId, r.DefinitionVersionId, r.Version, r.Status, r.SubStatus, r.CorrelationId, r.Name,
        r.IncidentCount, r.CreatedAt, r.UpdatedAt, r.FinishedAt, ResultOf(r));

    /// <summary>
    /// The instance's <c>Result</c> output when its flow sets one (the recipe runs: pass, fail or error); not an Elsa
    /// field, so Studio ignores it while <c>recipeci runs list</c> shows it.
    /// </summary>
    private static string? ResultOf(WorkflowInstanceRecord r) =>
        r.OutputJson.Contains("\"Result\"", StringComparison.Ordinal) && Parse(r.OutputJson) is JsonObject output
        && output["Result"] is JsonValue value && value.TryGetValue<string>(out var result) ? result : null;

    public static InstanceModel ToModel(WorkflowInstanceRecord r) => new(
        r.Id, r.DefinitionId, r.DefinitionVersionId, r.Version, r.ParentInstanceId, ToState(r), r.Status, r.SubStatus,
        r.CorrelationId, r.Name, r.IncidentCount, false, r.CreatedAt, r.UpdatedAt, r.FinishedAt, r.LeaseOwner, r.LeaseExpiresAt);

    public static WorkflowStateView ToState(WorkflowInstanceRecord r) => new(
        r.Id, r.DefinitionId, r.Version, r.DefinitionVersionId, r.CorrelationId, r.ParentInstanceId, r.Status, r.SubStatus,
        Parse(r.InputJson), Parse(r.OutputJson), Parse(r.VariablesJson), Parse(r.IncidentsJson), r.CreatedAt, r.UpdatedAt, r.FinishedAt);

    /// <summary>
    /// Elsa's <c>WorkflowExecutionLogRecord</c>. The activity's name and type version come from its execution record
    /// (<paramref name="execution"/>, matched by activity instance id): Studio looks the descriptor up by type and version.
    /// </summary>
    public static JournalRecordView ToView(WorkflowExecutionLogRecord r, ActivityExecutionRecord? execution) => new(
        r.Id, r.WorkflowInstanceId, r.ActivityInstanceId, r.ParentActivityInstanceId, r.ActivityId, r.ActivityType,
        r.ActivityType is null ? null : execution?.ActivityTypeVersion ?? 1, execution?.ActivityName, r.ActivityNodeId,
        r.Timestamp, r.Sequence, r.EventName, r.Message, null, null, Parse(r.PayloadJson));

    private static JsonNode? Parse(string? json) => string.IsNullOrWhiteSpace(json) ? null : WorkflowJson.Parse(json);
}

public sealed record InstanceSummary(
    string Id, string DefinitionId, string DefinitionVersionId, int Version, WorkflowStatus Status, WorkflowSubStatus SubStatus,
    string? CorrelationId, string? Name, int IncidentCount, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, DateTimeOffset? FinishedAt,
    string? Result = null);

public sealed record InstanceModel(
    string Id, string DefinitionId, string DefinitionVersionId, int Version, string? ParentWorkflowInstanceId, WorkflowStateView WorkflowState,
    WorkflowStatus Status, WorkflowSubStatus SubStatus, string? CorrelationId, string? Name, int IncidentCount, bool IsSystem,
    DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, DateTimeOffset? FinishedAt, string? LeaseOwner, DateTimeOffset? LeaseExpiresAt);

public sealed record WorkflowStateView(
    string Id, string DefinitionId, int DefinitionVersion, string DefinitionVersionId, string? CorrelationId, string? ParentWorkflowInstanceId,
    WorkflowStatus Status, WorkflowSubStatus SubStatus, JsonNode? Input, JsonNode? Output, JsonNode? Variables, JsonNode? Incidents,
    DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, DateTimeOffset? FinishedAt);

/// <summary>A journal entry; records of the workflow itself (started, finished...) have no activity.</summary>
public sealed record JournalRecordView(
    string Id, string WorkflowInstanceId, string? ActivityInstanceId, string? ParentActivityInstanceId, string? ActivityId, string? ActivityType,
    int? ActivityTypeVersion, string? ActivityName, string? NodeId, DateTimeOffset Timestamp, long Sequence, string EventName, string? Message,
    string? Source, JsonObject? ActivityState, JsonNode? Payload);
