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

    /// <summary>
    /// Lease fencing: when set, the commit applies only while this owner holds the instance's lease; otherwise the
    /// store changes nothing and throws <see cref="LeaseLostException"/> (another node took the instance over).
    /// </summary>
    public string? ExpectedLeaseOwner { get; init; }

    /// <summary>
    /// The commit also ends the lease it is fenced on (<see cref="ExpectedLeaseOwner"/>): the instance finished and
    /// nobody holds a finished instance, so its holder need not release the lease in a write of its own afterwards.
    /// </summary>
    public bool ReleasesLease { get; init; }

    /// <summary>
    /// The commit creates the instance: it inserts the row only if no instance with its id exists; otherwise the store
    /// changes nothing and throws <see cref="InstanceAlreadyExistsException"/> (never overwrites a row). What else it
    /// carries (journal, execution records, bookmarks: a run's first commit) is written with the row or not at all.
    /// </summary>
    public bool CreateOnly { get; init; }

    /// <summary>
    /// Queued stimuli this step consumed (the resumption they caused): deleted in the same transaction. When one of
    /// them is already gone (delivered elsewhere), the store changes nothing and throws <see cref="StimulusConsumedException"/>.
    /// </summary>
    public IReadOnlyList<string> ConsumedStimulusIds { get; init; } = [];
}
