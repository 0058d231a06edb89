using Workflows.Core.Persistence;

namespace Workflows.Persistence.Tests.Fixtures;

/// <summary>Passes everything to the real store and calls <paramref name="afterCommit"/> once each commit has returned.</summary>
public sealed class ObservingInstanceStore(IWorkflowInstanceStore inner, Func<WorkflowInstanceCommit, Task> afterCommit) : IWorkflowInstanceStore
{
    public async Task CommitAsync(WorkflowInstanceCommit commit, CancellationToken cancellationToken)
    {
        await inner.CommitAsync(commit, cancellationToken);
        await afterCommit(commit);
    }

    public Task<WorkflowInstanceRecord?> FindAsync(string id, CancellationToken cancellationToken) => inner.FindAsync(id, cancellationToken);

    public Task<Page<WorkflowInstanceRecord>> ListAsync(WorkflowInstanceFilter filter, PageArgs paging, CancellationToken cancellationToken) =>
        inner.ListAsync(filter, paging, cancellationToken);

    public Task<long> CountAsync(WorkflowInstanceFilter filter, CancellationToken cancellationToken) => inner.CountAsync(filter, cancellationToken);

    public Task<IReadOnlyList<ActivityExecutionRecord>> ListActivityExecutionsAsync(string instanceId, CancellationToken cancellationToken) =>
        inner.ListActivityExecutionsAsync(instanceId, cancellationToken);

    public Task<ActivityExecutionRecord?> FindActivityExecutionAsync(string id, CancellationToken cancellationToken) =>
        inner.FindActivityExecutionAsync(id, cancellationToken);

    public Task<Page<WorkflowExecutionLogRecord>> ListExecutionLogAsync(string instanceId, PageArgs paging, CancellationToken cancellationToken) =>
        inner.ListExecutionLogAsync(instanceId, paging, cancellationToken);

    public Task<bool> TryAcquireLeaseAsync(string instanceId, string owner, DateTimeOffset expiresAt, DateTimeOffset now, CancellationToken cancellationToken) =>
        inner.TryAcquireLeaseAsync(instanceId, owner, expiresAt, now, cancellationToken);

    public Task<WorkflowInstanceRecord?> TryTakeFreeLeaseAsync(string instanceId, string owner, DateTimeOffset expiresAt, CancellationToken cancellationToken) =>
        inner.TryTakeFreeLeaseAsync(instanceId, owner, expiresAt, cancellationToken);

    public Task<bool> RenewLeaseAsync(string instanceId, string owner, DateTimeOffset expiresAt, CancellationToken cancellationToken) =>
        inner.RenewLeaseAsync(instanceId, owner, expiresAt, cancellationToken);

    public Task ReleaseLeaseAsync(string instanceId, string owner, CancellationToken cancellationToken) =>
        inner.ReleaseLeaseAsync(instanceId, owner, cancellationToken);

    public Task<int> DeleteAsync(IReadOnlyCollection<string> ids, CancellationToken cancellationToken) => inner.DeleteAsync(ids, cancellationToken);

    public Task<int> DeleteFinishedBeforeAsync(DateTimeOffset cutoff, CancellationToken cancellationToken) =>
        inner.DeleteFinishedBeforeAsync(cutoff, cancellationToken);
}
