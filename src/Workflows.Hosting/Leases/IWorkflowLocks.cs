namespace Workflows.Hosting.Leases;

/// <summary>
/// Named mutual-exclusion locks shared by every node: a PostgreSQL advisory lock on PostgreSQL, an in-process lock
/// on SQLite (single node). A lock held by a process that dies is released with it.
/// </summary>
public interface IWorkflowLocks
{
    /// <summary>Acquires <paramref name="name"/> within <paramref name="timeout"/> (zero: try once); null when it is held elsewhere.</summary>
    Task<IAsyncDisposable?> TryAcquireAsync(string name, TimeSpan timeout, CancellationToken cancellationToken);
}
