namespace Workflows.Core.Persistence;

/// <summary>A point where a suspended instance waits (Elsa's StoredBookmark). Written only through an instance commit.</summary>
public sealed record BookmarkRecord
{
    public required string Id { get; init; }

    /// <summary>The activity type that waits, e.g. <c>Elsa.Delay</c> or <c>Elsa.DispatchWorkflow</c>.</summary>
    public required string Name { get; init; }

    /// <summary>Deterministic hash of name and payload, used to find bookmarks for a stimulus.</summary>
    public required string Hash { get; init; }

    public string? PayloadJson { get; init; }
    public required string WorkflowInstanceId { get; init; }
    public required string ActivityInstanceId { get; init; }
    public string? ActivityId { get; init; }
    public string? CorrelationId { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>For timer bookmarks (Delay, Timer): when the instance should be resumed.</summary>
    public DateTimeOffset? ResumeAt { get; init; }
}
