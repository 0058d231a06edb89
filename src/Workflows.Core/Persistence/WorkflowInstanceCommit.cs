namespace Workflows.Core.Persistence;

/// <summary>
/// Everything one engine step changes, persisted in one transaction: the instance row, the journal entries and
/// activity execution records written since the last commit, and bookmarks added or removed.
/// </summary>
public sealed record WorkflowInstanceCommit
{
    public required WorkflowInstanceRecord Instance { get; init; }

    /// <summary>Upserted by id (a record may be written when started and again when completed).</summary>
    public IReadOnlyList<ActivityExecutionRecord> ActivityExecutions { get; init; } = [];

    /// <summary>Appended.</summary>
    public IReadOnlyList<WorkflowExecutionLogRecord> LogRecords { get; init; } = [];

    public IReadOnlyList<BookmarkRecord> AddedBookmarks { get; init; } = [];
    public IReadOnlyList<string> RemovedBookmarkIds { get; init; } = [];
}
