using Microsoft.EntityFrameworkCore;

namespace Workflows.Persistence.Data.Entities;

/// <summary>
/// A queued stimulus waiting for its bookmark (the bookmark queue); deleted by the commit that consumes it. The
/// redelivery pass reads the oldest first; expiry deletes by <see cref="ExpiresAt"/>.
/// </summary>
[Index(nameof(CreatedAt))]
[Index(nameof(ExpiresAt))]
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
