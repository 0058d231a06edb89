namespace Workflows.Core.Persistence;

/// <summary>Filters for bookmark queries; null members do not filter.</summary>
public sealed record BookmarkFilter
{
    public string? Name { get; init; }
    public string? Hash { get; init; }
    public string? WorkflowInstanceId { get; init; }
    public string? CorrelationId { get; init; }

    /// <summary>Timer bookmarks due at or before this moment.</summary>
    public DateTimeOffset? ResumeAtOrBefore { get; init; }
}
