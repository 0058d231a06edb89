using Microsoft.EntityFrameworkCore;

namespace Workflows.Persistence.Data.Entities;

/// <summary>
/// One execution of one activity (Elsa's ActivityExecutionRecord), in its own table. Records are read per instance
/// in start order, and deleted per instance by retention.
/// </summary>
[Index(nameof(WorkflowInstanceId), nameof(StartedAt))]
public sealed class ActivityExecutionRecordEntity
{
    public required string Id { get; set; }
    public required string WorkflowInstanceId { get; set; }
    public required string ActivityId { get; set; }
    public required string ActivityNodeId { get; set; }
    public required string ActivityType { get; set; }
    public int ActivityTypeVersion { get; set; }
    public string? ActivityName { get; set; }
    public required string Status { get; set; }
    public string? OutcomesJson { get; set; }
    public string? InputsJson { get; set; }
    public string? OutputsJson { get; set; }
    public string? Exception { get; set; }
    public bool HasBookmarks { get; set; }
    public DateTimeOffset StartedAt { get; set; }
    public DateTimeOffset? CompletedAt { get; set; }
}
