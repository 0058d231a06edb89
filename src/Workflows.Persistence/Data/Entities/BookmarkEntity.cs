using Microsoft.EntityFrameworkCore;

namespace Workflows.Persistence.Data.Entities;

/// <summary>A bookmark an instance waits on; looked up by its stimulus hash or, for timers, by due time.</summary>
[Index(nameof(Hash))]
[Index(nameof(WorkflowInstanceId))]
[Index(nameof(ResumeAt))]
public sealed class BookmarkEntity
{
    public required string Id { get; set; }
    public required string Name { get; set; }
    public required string Hash { get; set; }
    public string? PayloadJson { get; set; }
    public required string WorkflowInstanceId { get; set; }
    public required string ActivityInstanceId { get; set; }
    public string? ActivityId { get; set; }
    public string? CorrelationId { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? ResumeAt { get; set; }
}
