namespace Workflows.Core.Persistence;

/// <summary>Stores instances, their journal and execution records, and (through commits) their bookmarks.</summary>
public interface IWorkflowInstanceStore
{
    /// <summary>
    /// Persists one engine step atomically: upserts the instance row and the activity execution records, appends the
    /// log records, adds and removes bookmarks. Either all of it is stored or none of it. The lease fields of an
    /// existing row belong to <see cref="TryAcquireLeaseAsync"/>/<see cref="ReleaseLeaseAsync"/> and are kept as stored,
    /// except that a commit which <see cref="WorkflowInstanceCommit.ReleasesLease"/> clears them.
    /// </summary>
    Task CommitAsync(WorkflowInstanceCommit commit, CancellationToken cancellationToken);

    Task<WorkflowInstanceRecord?> FindAsync(string id, CancellationToken cancellationToken);

    Task<Page<WorkflowInstanceRecord>> ListAsync(WorkflowInstanceFilter filter, PageArgs paging, CancellationToken cancellationToken);

    Task<long> CountAsync(WorkflowInstanceFilter filter, CancellationToken cancellationToken);

    /// <summary>Activity execution records of one instance, ordered by start time.</summary>
    Task<IReadOnlyList<ActivityExecutionRecord>> ListActivityExecutionsAsync(string instanceId, CancellationToken cancellationToken);

    /// <summary>One activity execution record by its id (the activity instance id), or null.</summary>
    Task<ActivityExecutionRecord?> FindActivityExecutionAsync(string id, CancellationToken cancellationToken);

    /// <summary>Journal of one instance, ordered by sequence.</summary>
    Task<Page<WorkflowExecutionLogRecord>> ListExecutionLogAsync(string instanceId, PageArgs paging, CancellationToken cancellationToken);

    /// <summary>
    /// Takes the lease of an instance for <paramref name="owner"/> if nobody holds it, the lease expired at
    /// <paramref name="now"/>, or the owner already holds it (renewal). Returns false when another owner holds it.
    /// </summary>
    Task<bool> TryAcquireLeaseAsync(string instanceId, string owner, DateTimeOffset expiresAt, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>
    /// Takes the lease of an instance only if its row names no lease owner, and returns the row as it is with the lease
    /// taken, read in the same statement: current, since every writer is fenced on the lease. Null when there is no
    /// such row or it names an owner (expired or not; <see cref="TryAcquireLeaseAsync"/> is for those).
    /// </summary>
    Task<WorkflowInstanceRecord?> TryTakeFreeLeaseAsync(string instanceId, string owner, DateTimeOffset expiresAt, CancellationToken cancellationToken);

    /// <summary>
    /// Extends the lease only while <paramref name="owner"/> still holds it (expired or not); false when it was released
    /// or taken over. A heartbeat must renew with this, never re-take: a lease another node took over and released
    /// would otherwise come back to a worker whose stale commits the fence must refuse.
    /// </summary>
    Task<bool> RenewLeaseAsync(string instanceId, string owner, DateTimeOffset expiresAt, CancellationToken cancellationToken);

    /// <summary>Clears the lease if <paramref name="owner"/> holds it.</summary>
    Task ReleaseLeaseAsync(string instanceId, string owner, CancellationToken cancellationToken);

    /// <summary>Deletes instances with their journal, execution records and bookmarks; returns how many existed.</summary>
    Task<int> DeleteAsync(IReadOnlyCollection<string> ids, CancellationToken cancellationToken);

    /// <summary>Retention: deletes Finished instances (and their journals) finished before <paramref name="cutoff"/>.</summary>
    Task<int> DeleteFinishedBeforeAsync(DateTimeOffset cutoff, CancellationToken cancellationToken);
}
