using Microsoft.EntityFrameworkCore;

namespace Workflows.Persistence.Data.Entities;

/// <summary>One journal entry (Elsa's WorkflowExecutionLogRecord), in its own table, read per instance in sequence order.</summary>
[Index(nameof(WorkflowInstanceId), nameof(Sequence))]
public sealed class ExecutionLogRecordEntity
{
    public required string Id { get; set; }
    public required string WorkflowInstanceId { get; set; }
    public string? ActivityInstanceId { get; set; }
    public string? ParentActivityInstanceId { get; set; }
    public string? ActivityId { get; set; }
    public string? ActivityNodeId { get; set; }
    public string? ActivityType { get; set; }
    public DateTimeOffset Timestamp { get; set; }
    public long Sequence { get; set; }
    public required string EventName { get; set; }
    public string? Message { get; set; }
    public string? PayloadJson { get; set; }
}
