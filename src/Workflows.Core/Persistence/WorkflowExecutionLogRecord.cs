namespace Workflows.Core.Persistence;

/// <summary>One journal entry (Elsa's WorkflowExecutionLogRecord). Append-only.</summary>
public sealed record WorkflowExecutionLogRecord
{
    public required string Id { get; init; }
    public required string WorkflowInstanceId { get; init; }
    public string? ActivityInstanceId { get; init; }
    public string? ParentActivityInstanceId { get; init; }
    public string? ActivityId { get; init; }
    public string? ActivityNodeId { get; init; }
    public string? ActivityType { get; init; }
    public required DateTimeOffset Timestamp { get; init; }

    /// <summary>Orders entries of one instance; increases across resumptions.</summary>
    public required long Sequence { get; init; }

    /// <summary>Started, Completed, Faulted, Suspended, Resumed, Retrying, Cancelled, WorkflowStarted, WorkflowFinished...</summary>
    public required string EventName { get; init; }

    public string? Message { get; init; }
    public string? PayloadJson { get; init; }
}
