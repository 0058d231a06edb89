namespace Workflows.Persistence.Data.Entities;

/// <summary>A queued stimulus waiting for its bookmark (the bookmark queue); deleted by the commit that consumes it.</summary>
public sealed class StimulusEntity
{
    public required string Id { get; set; }
    public required string BookmarkName { get; set; }
    public required string BookmarkHash { get; set; }
    public string? WorkflowInstanceId { get; set; }
    public string? CorrelationId { get; set; }
    public string? InputJson { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset ExpiresAt { get; set; }
}
