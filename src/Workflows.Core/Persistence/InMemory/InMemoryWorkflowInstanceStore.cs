namespace Workflows.Core.Persistence.InMemory;

/// <summary>
/// Instance store in process memory, for tests and <c>recipeci run</c>. It also implements
/// <see cref="IBookmarkStore"/> and <see cref="IStimulusStore"/> because bookmarks and consumed stimuli are written
/// by the atomic commit, under the same lock.
/// </summary>
public sealed class InMemoryWorkflowInstanceStore : IWorkflowInstanceStore, IBookmarkStore, IStimulusStore
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, WorkflowInstanceRecord> _instances = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ActivityExecutionRecord> _executions = new(StringComparer.Ordinal);
    private readonly List<WorkflowExecutionLogRecord> _log = [];
    private readonly Dictionary<string, BookmarkRecord> _bookmarks = new(StringComparer.Ordinal);
    private readonly Dictionary<string, StimulusRecord> _stimuli = new(StringComparer.Ordinal);

    /// <summary>How many commits were made; lets tests prove commit-per-activity.</summary>
    public int CommitCount { get; private set; }

    public Task CommitAsync(WorkflowInstanceCommit commit, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            var instance = commit.Instance;
            var exists = _instances.TryGetValue(instance.Id, out var existing);
            // Every check before any change: a refused commit writes nothing.
            if (commit.CreateOnly && exists)
                throw new InstanceAlreadyExistsException(instance.Id);
            if (commit.ExpectedLeaseOwner is { } owner && existing?.LeaseOwner != owner)
                throw new LeaseLostException(instance.Id, owner);
            if (commit.ConsumedStimulusIds.Any(id => !_stimuli.ContainsKey(id)))
                throw new StimulusConsumedException(instance.Id, commit.ConsumedStimulusIds);
            foreach (var id in commit.ConsumedStimulusIds)
                _stimuli.Remove(id);
            if (commit.ReleasesLease)
                instance = instance with { LeaseOwner = null, LeaseExpiresAt = null };
            else if (existing is not null)
                instance = instance with { LeaseOwner = existing.LeaseOwner, LeaseExpiresAt = existing.LeaseExpiresAt };
            _instances[instance.Id] = instance;
            foreach (var execution in commit.ActivityExecutions)
                _executions[execution.Id] = execution;
            _log.AddRange(commit.LogRecords);
            foreach (var id in commit.RemovedBookmarkIds)
                _bookmarks.Remove(id);
            foreach (var bookmark in commit.AddedBookmarks)
                _bookmarks[bookmark.Id] = bookmark;
            CommitCount++;
        }
        return Task.CompletedTask;
    }

    public Task<WorkflowInstanceRecord?> FindAsync(string id, CancellationToken cancellationToken)
    {
        lock (_gate)
            return Task.FromResult(_instances.GetValueOrDefault(id));
    }

    public Task<Page<WorkflowInstanceRecord>> ListAsync(WorkflowInstanceFilter filter, PageArgs paging, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            var all = Query(filter).ToList();
            return Task.FromResult(paging.Of(all));
        }
    }

    public Task<long> CountAsync(WorkflowInstanceFilter filter, CancellationToken cancellationToken)
    {
        lock (_gate)
            return Task.FromResult((long)Query(filter).Count());
    }

    public Task<ActivityExecutionRecord?> FindActivityExecutionAsync(string id, CancellationToken cancellationToken)
    {
        lock (_gate)
            return Task.FromResult(_executions.GetValueOrDefault(id));
    }

    public Task<IReadOnlyList<ActivityExecutionRecord>> ListActivityExecutionsAsync(string instanceId, CancellationToken cancellationToken)
    {
        lock (_gate)
            return Task.FromResult<IReadOnlyList<ActivityExecutionRecord>>([.. _executions.Values.Where(e => e.WorkflowInstanceId == instanceId).OrderBy(e => e.StartedAt)]);
    }

    public Task<Page<WorkflowExecutionLogRecord>> ListExecutionLogAsync(string instanceId, PageArgs paging, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            var all = _log.Where(l => l.WorkflowInstanceId == instanceId).OrderBy(l => l.Sequence).ToList();
            return Task.FromResult(paging.Of(all));
        }
    }

    public Task<bool> TryAcquireLeaseAsync(string instanceId, string owner, DateTimeOffset expiresAt, DateTimeOffset now, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (!_instances.TryGetValue(instanceId, out var instance))
                return Task.FromResult(false);
            var free = instance.LeaseOwner is null || instance.LeaseOwner == owner || instance.LeaseExpiresAt is null || instance.LeaseExpiresAt <= now;
            if (free)
                _instances[instanceId] = instance with { LeaseOwner = owner, LeaseExpiresAt = expiresAt };
            return Task.FromResult(free);
        }
    }

    public Task<WorkflowInstanceRecord?> TryTakeFreeLeaseAsync(string instanceId, string owner, DateTimeOffset expiresAt, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (!_instances.TryGetValue(instanceId, out var instance) || instance.LeaseOwner is not null)
                return Task.FromResult<WorkflowInstanceRecord?>(null);
            var leased = instance with { LeaseOwner = owner, LeaseExpiresAt = expiresAt };
            _instances[instanceId] = leased;
            return Task.FromResult<WorkflowInstanceRecord?>(leased);
        }
    }

    public Task<bool> RenewLeaseAsync(string instanceId, string owner, DateTimeOffset expiresAt, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (!_instances.TryGetValue(instanceId, out var instance) || instance.LeaseOwner != owner)
                return Task.FromResult(false);
            _instances[instanceId] = instance with { LeaseExpiresAt = expiresAt };
            return Task.FromResult(true);
        }
    }

    public Task ReleaseLeaseAsync(string instanceId, string owner, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (_instances.TryGetValue(instanceId, out var instance) && instance.LeaseOwner == owner)
                _instances[instanceId] = instance with { LeaseOwner = null, LeaseExpiresAt = null };
        }
        return Task.CompletedTask;
    }

    public Task<int> DeleteAsync(IReadOnlyCollection<string> ids, CancellationToken cancellationToken)
    {
        lock (_gate)
            return Task.FromResult(DeleteLocked(ids));
    }

    public Task<int> DeleteFinishedBeforeAsync(DateTimeOffset cutoff, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            var ids = _instances.Values
                .Where(i => i.Status == WorkflowStatus.Finished && i.FinishedAt < cutoff)
                .Select(i => i.Id)
                .ToList();
            return Task.FromResult(DeleteLocked(ids));
        }
    }

    public Task<BookmarkRecord?> FindByIdAsync(string id, CancellationToken cancellationToken)
    {
        lock (_gate)
            return Task.FromResult(_bookmarks.GetValueOrDefault(id));
    }

    public Task<IReadOnlyList<BookmarkRecord>> FindAsync(BookmarkFilter filter, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            IReadOnlyList<BookmarkRecord> found = _bookmarks.Values
                .Where(b => (filter.Name is null || b.Name == filter.Name)
                            && (filter.Hash is null || b.Hash == filter.Hash)
                            && (filter.WorkflowInstanceId is null || b.WorkflowInstanceId == filter.WorkflowInstanceId)
                            && (filter.CorrelationId is null || b.CorrelationId == filter.CorrelationId)
                            && (filter.ResumeAtOrBefore is null || (b.ResumeAt is not null && b.ResumeAt <= filter.ResumeAtOrBefore)))
                .OrderBy(b => b.CreatedAt)
                .ToList();
            return Task.FromResult(found);
        }
    }

    public Task<BookmarkRecord?> FindEarliestTimerAsync(string? workflowInstanceId, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            var earliest = _bookmarks.Values
                .Where(b => b.ResumeAt is not null && (workflowInstanceId is null || b.WorkflowInstanceId == workflowInstanceId))
                .MinBy(b => b.ResumeAt);
            return Task.FromResult(earliest);
        }
    }

    public Task AddAsync(StimulusRecord stimulus, CancellationToken cancellationToken)
    {
        lock (_gate)
            _stimuli[stimulus.Id] = stimulus;
        return Task.CompletedTask;
    }

    Task<StimulusRecord?> IStimulusStore.FindAsync(string id, CancellationToken cancellationToken)
    {
        lock (_gate)
            return Task.FromResult(_stimuli.GetValueOrDefault(id));
    }

    public Task<IReadOnlyList<StimulusRecord>> ListPendingAsync(DateTimeOffset now, int max, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            IReadOnlyList<StimulusRecord> pending = _stimuli.Values
                .Where(s => s.ExpiresAt > now)
                .OrderBy(s => s.CreatedAt).ThenBy(s => s.Id, StringComparer.Ordinal)
                .Take(max)
                .ToList();
            return Task.FromResult(pending);
        }
    }

    public Task<int> DeleteExpiredAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            var expired = _stimuli.Values.Where(s => s.ExpiresAt <= now).Select(s => s.Id).ToList();
            foreach (var id in expired)
                _stimuli.Remove(id);
            return Task.FromResult(expired.Count);
        }
    }

    private int DeleteLocked(IReadOnlyCollection<string> ids)
    {
        var set = ids.ToHashSet(StringComparer.Ordinal);
        var deleted = set.Count(id => _instances.Remove(id));
        foreach (var key in _executions.Where(e => set.Contains(e.Value.WorkflowInstanceId)).Select(e => e.Key).ToList())
            _executions.Remove(key);
        _log.RemoveAll(l => set.Contains(l.WorkflowInstanceId));
        foreach (var key in _bookmarks.Where(b => set.Contains(b.Value.WorkflowInstanceId)).Select(b => b.Key).ToList())
            _bookmarks.Remove(key);
        return deleted;
    }

    private IEnumerable<WorkflowInstanceRecord> Query(WorkflowInstanceFilter f)
    {
        var matches = _instances.Values.Where(i =>
            (f.Ids is null || f.Ids.Contains(i.Id))
            && (f.DefinitionId is null || i.DefinitionId == f.DefinitionId)
            && (f.DefinitionIds is null || f.DefinitionIds.Contains(i.DefinitionId))
            && (f.FinishedAfter is null || i.FinishedAt > f.FinishedAfter)
            && (f.DefinitionVersionId is null || i.DefinitionVersionId == f.DefinitionVersionId)
            && (f.Version is null || i.Version == f.Version)
            && (f.CorrelationId is null || i.CorrelationId == f.CorrelationId)
            && (f.ParentInstanceId is null || i.ParentInstanceId == f.ParentInstanceId)
            && (f.SearchTerm is null
                || i.Id.Contains(f.SearchTerm, StringComparison.OrdinalIgnoreCase)
                || (i.Name?.Contains(f.SearchTerm, StringComparison.OrdinalIgnoreCase) ?? false)
                || (i.CorrelationId?.Contains(f.SearchTerm, StringComparison.OrdinalIgnoreCase) ?? false))
            && (f.Statuses is null || f.Statuses.Contains(i.Status))
            && (f.SubStatuses is null || f.SubStatuses.Contains(i.SubStatus))
            && (f.HasIncidents is null || (i.IncidentCount > 0) == f.HasIncidents)
            && (f.CreatedAfter is null || i.CreatedAt > f.CreatedAfter)
            && (f.CreatedBefore is null || i.CreatedAt < f.CreatedBefore)
            && (f.FinishedBefore is null || i.FinishedAt < f.FinishedBefore)
            && (f.LeaseExpiredBefore is null
                || (i.Status == WorkflowStatus.Running && (i.LeaseExpiresAt is null || i.LeaseExpiresAt < f.LeaseExpiredBefore))));
        if (f.OrderBy == WorkflowInstanceOrder.Name)
            return f.Descending ? matches.OrderByDescending(i => i.Name, StringComparer.Ordinal).ThenByDescending(i => i.Id, StringComparer.Ordinal)
                : matches.OrderBy(i => i.Name, StringComparer.Ordinal).ThenBy(i => i.Id, StringComparer.Ordinal);
        Func<WorkflowInstanceRecord, DateTimeOffset> key = f.OrderBy switch
        {
            WorkflowInstanceOrder.UpdatedAt => i => i.UpdatedAt,
            WorkflowInstanceOrder.FinishedAt => i => i.FinishedAt ?? DateTimeOffset.MaxValue,
            _ => i => i.CreatedAt,
        };
        return f.Descending ? matches.OrderByDescending(key) : matches.OrderBy(key);
    }
}
