using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Workflows.Core.Persistence;
using Workflows.Persistence.Data;
using Workflows.Persistence.Data.Entities;
using Workflows.Persistence.Stores.Mapping;
using Workflows.Persistence.Stores.Sql;

namespace Workflows.Persistence.Stores;

/// <summary>
/// Instances, their journal (execution log), activity execution records and bookmarks, each in its own table.
/// A commit is one transaction: on PostgreSQL one round trip (an implicitly atomic batch), on SQLite one local transaction.
/// Commits of concurrently running instances are grouped (<see cref="CommitCoalescer"/>) on both: on SQLite, whose
/// single writer serialises every commit, a group pays for one transaction instead of one per commit.
/// </summary>
public sealed class EfWorkflowInstanceStore : IWorkflowInstanceStore
{
    private readonly IDbContextFactory<WorkflowsDbContext> _contextFactory;
    private readonly WriteGate _writeGate;

    /// <summary>Instances deleted per transaction by retention, so a large sweep never holds long locks.</summary>
    public const int DefaultDeleteBatchSize = 500;

    // PostgreSQL allows 65,535 parameters per statement and SQLite 32,766; bigger commits are split inside a transaction.
    private const int MaxParametersPerBatch = 20_000;

    /// <summary>Commits of running instances gathered per transaction (see <see cref="CommitCoalescer"/>).</summary>
    public const int MaxCommitsPerGroup = 64;

    private readonly CommitCoalescer _coalescer;

    public EfWorkflowInstanceStore(IDbContextFactory<WorkflowsDbContext> contextFactory, WriteGate writeGate)
    {
        _contextFactory = contextFactory;
        _writeGate = writeGate;
        _coalescer = new CommitCoalescer(WriteTogetherAsync, commit => WriteAsync([commit], CancellationToken.None), MaxCommitsPerGroup);
    }

    /// <summary>What group commit did so far.</summary>
    public GroupCommitStatistics GroupCommits => _coalescer.Statistics;

    public Task CommitAsync(WorkflowInstanceCommit commit, CancellationToken cancellationToken)
    {
        // Lease-fenced commits join the group: their fences travel in the group's batch (see WriteAsync). Commits that
        // consume stimuli, or create a row under a fence, keep their own transaction: their checks decide alone.
        var alone = commit.ConsumedStimulusIds.Count > 0 || (commit.ExpectedLeaseOwner is not null && commit.CreateOnly);
        return alone
            ? WriteAsync([commit], cancellationToken)
            : _coalescer.CommitAsync(commit, cancellationToken);
    }

    private Task WriteTogetherAsync(IReadOnlyList<WorkflowInstanceCommit> commits) => WriteAsync(commits, CancellationToken.None);

    /// <summary>Writes the commits in one transaction: all of them or none.</summary>
    private async Task WriteAsync(IReadOnlyList<WorkflowInstanceCommit> commits, CancellationToken cancellationToken)
    {
        using var gate = await _writeGate.EnterAsync(cancellationToken);
        await using var db = _contextFactory.CreateDbContext();
        var batch = new WriteBatch(db);
        if (commits.Count > 1 && BookmarksDisjoint(commits))
        {
            AppendByTable(batch, commits);
        }
        else
        {
            foreach (var commit in commits)
            {
                Append(batch, commit);
            }
        }

        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            var fences = commits.Where(c => c.ExpectedLeaseOwner is not null).Select(c => (c.Instance.Id, c.ExpectedLeaseOwner!)).ToList();
            var oneRoundTrip = batch.IsAtomicWithoutTransaction
                               && commits.All(c => c.ConsumedStimulusIds.Count == 0 && !(c.CreateOnly && c.ExpectedLeaseOwner is not null))
                               && batch.ParameterCount + 2 * fences.Count <= MaxParametersPerBatch;
            if (oneRoundTrip)
            {
                // The common case on PostgreSQL (every step of an in-process run, every step of a leased server run, and
                // groups of both): one round trip, atomic as an implicit transaction, the fences first in the batch.
                if (fences.Count > 0)
                    batch.PrependLeaseFences(fences);
                try
                {
                    await batch.ExecuteAsync(cancellationToken);
                }
                catch (DbException e) when (WriteBatch.IsLeaseLost(e) && commits is [{ ExpectedLeaseOwner: { } owner } fenced])
                {
                    throw new LeaseLostException(fenced.Instance.Id, owner);
                }
                // A group whose fence failed throws as it is: the coalescer writes its commits again one by one, so only
                // the runner that lost its instance learns it (LeaseLostException above), and the others commit.
                return;
            }
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            foreach (var commit in commits)
            {
                await CheckConditionsAsync(db, commit, cancellationToken);
            }
            foreach (var part in batch.Split(MaxParametersPerBatch))
            {
                await part.ExecuteAsync(cancellationToken);
            }
            await transaction.CommitAsync(cancellationToken);
        }
        catch (DbException e) when (commits is [{ CreateOnly: true } commit] && UniqueViolation.Matches(e))
        {
            throw new InstanceAlreadyExistsException(commit.Instance.Id, e);
        }
    }

    private static void Append(WriteBatch batch, WorkflowInstanceCommit commit)
    {
        if (commit.CreateOnly)
        {
            batch.Insert(commit.Instance.ToEntity());
        }
        else
        {
            batch.Upsert(commit.Instance.ToEntity());
        }
        ReleaseLeases(batch, [commit]);
        batch.UpsertRows(commit.ActivityExecutions.Select(e => e.ToEntity()).ToList());
        batch.InsertRows(commit.LogRecords.Select(l => l.ToEntity()).ToList());
        // Removals first: a commit may remove a bookmark and add one with the same id (re-suspending).
        batch.DeleteByKeys<BookmarkEntity>(commit.RemovedBookmarkIds);
        foreach (var bookmark in commit.AddedBookmarks)
        {
            batch.Upsert(bookmark.ToEntity());
        }
    }

    /// <summary>
    /// A group's commits written table by table, each table's rows as one statement on PostgreSQL (see
    /// <see cref="WriteBatch.UpsertRows{TEntity}"/>): a few statements per group instead of a few per commit. The tables
    /// come in the order of <see cref="Append"/>, so every row still follows the rows it refers to. Commits of one
    /// group belong to different instances; should two touch the same row, the statement fails and the group is written
    /// again commit by commit (see <see cref="CommitCoalescer"/>), in order.
    /// </summary>
    private static void AppendByTable(WriteBatch batch, IReadOnlyList<WorkflowInstanceCommit> commits)
    {
        batch.InsertRows(commits.Where(c => c.CreateOnly).Select(c => c.Instance.ToEntity()).ToList());
        batch.UpsertRows(commits.Where(c => !c.CreateOnly).Select(c => c.Instance.ToEntity()).ToList());
        ReleaseLeases(batch, commits);
        batch.UpsertRows(commits.SelectMany(c => c.ActivityExecutions).Select(e => e.ToEntity()).ToList());
        batch.InsertRows(commits.SelectMany(c => c.LogRecords).Select(l => l.ToEntity()).ToList());
        batch.DeleteByKeys<BookmarkEntity>(commits.SelectMany(c => c.RemovedBookmarkIds).ToList());
        batch.UpsertRows(commits.SelectMany(c => c.AddedBookmarks).Select(b => b.ToEntity()).ToList());
    }

    /// <summary>
    /// The lease columns are written on insert only (the upsert keeps them as stored); a commit that ends its lease
    /// clears them in the same batch, so the finished run needs no release of its own.
    /// </summary>
    private static void ReleaseLeases(WriteBatch batch, IReadOnlyList<WorkflowInstanceCommit> commits) =>
        batch.ClearByKeys<WorkflowInstanceEntity>(commits.Where(c => c.ReleasesLease).Select(c => c.Instance.Id).ToList(),
            nameof(WorkflowInstanceEntity.LeaseOwner), nameof(WorkflowInstanceEntity.LeaseExpiresAt));

    /// <summary>
    /// Whether no commit of the group removes a bookmark another one adds: only then may all removals go before all
    /// additions (<see cref="AppendByTable"/>) without changing the outcome.
    /// </summary>
    private static bool BookmarksDisjoint(IReadOnlyList<WorkflowInstanceCommit> commits)
    {
        if (commits.All(c => c.RemovedBookmarkIds.Count == 0) || commits.All(c => c.AddedBookmarks.Count == 0))
        {
            return true;
        }
        var removed = commits.SelectMany(c => c.RemovedBookmarkIds).ToHashSet(StringComparer.Ordinal);
        return !commits.SelectMany(c => c.AddedBookmarks).Any(b => removed.Contains(b.Id));
    }

    /// <summary>
    /// The checks of a conditional commit, first in its transaction; a failed check throws and the transaction rolls
    /// back, so nothing of the commit is written. The fence's UPDATE also locks the instance row (PostgreSQL) until the
    /// commit ends, so a node taking the lease over waits for this commit instead of interleaving with it.
    /// </summary>
    private static async Task CheckConditionsAsync(WorkflowsDbContext db, WorkflowInstanceCommit commit, CancellationToken cancellationToken)
    {
        var instanceId = commit.Instance.Id;
        if (commit.ExpectedLeaseOwner is { } owner && !await LeaseStatements.For(db).HoldsAsync(db, instanceId, owner, cancellationToken))
        {
            throw new LeaseLostException(instanceId, owner);
        }
        if (commit.ConsumedStimulusIds.Count > 0)
        {
            var ids = commit.ConsumedStimulusIds.Distinct(StringComparer.Ordinal).ToList();
            var deleted = await db.Stimuli.Where(s => ids.Contains(s.Id)).ExecuteDeleteAsync(cancellationToken);
            if (deleted != ids.Count)
            {
                throw new StimulusConsumedException(instanceId, ids);
            }
        }
    }

    // Compiled once per store: the engine loads an instance at every run and resume, and this skips LINQ translation.
    private readonly Func<WorkflowsDbContext, string, CancellationToken, Task<WorkflowInstanceEntity?>> _findById =
        EF.CompileAsyncQuery((WorkflowsDbContext db, string id, CancellationToken _) => db.WorkflowInstances.FirstOrDefault(i => i.Id == id));

    public async Task<WorkflowInstanceRecord?> FindAsync(string id, CancellationToken cancellationToken)
    {
        await using var db = _contextFactory.CreateDbContext();
        var entity = await _findById(db, id, cancellationToken);
        return entity?.ToRecord();
    }

    public async Task<Page<WorkflowInstanceRecord>> ListAsync(WorkflowInstanceFilter filter, PageArgs paging, CancellationToken cancellationToken)
    {
        await using var db = _contextFactory.CreateDbContext();
        var query = InstanceQuery.Filter(db.WorkflowInstances, filter);
        var (entities, total) = await query.PageWithTotalAsync(InstanceQuery.Order(query, filter), paging, cancellationToken);
        return new Page<WorkflowInstanceRecord>(entities.ConvertAll(e => e.ToRecord()), total);
    }

    public async Task<long> CountAsync(WorkflowInstanceFilter filter, CancellationToken cancellationToken)
    {
        await using var db = _contextFactory.CreateDbContext();
        return await InstanceQuery.Filter(db.WorkflowInstances, filter).LongCountAsync(cancellationToken);
    }

    public async Task<ActivityExecutionRecord?> FindActivityExecutionAsync(string id, CancellationToken cancellationToken)
    {
        await using var db = _contextFactory.CreateDbContext();
        var entity = await db.ActivityExecutionRecords.AsNoTracking().FirstOrDefaultAsync(r => r.Id == id, cancellationToken);
        return entity?.ToRecord();
    }

    public async Task<IReadOnlyList<ActivityExecutionRecord>> ListActivityExecutionsAsync(string instanceId, CancellationToken cancellationToken)
    {
        await using var db = _contextFactory.CreateDbContext();
        var entities = await db.ActivityExecutionRecords
            .Where(r => r.WorkflowInstanceId == instanceId)
            .OrderBy(r => r.StartedAt).ThenBy(r => r.Id)
            .ToListAsync(cancellationToken);
        return entities.ConvertAll(e => e.ToRecord());
    }

    public async Task<Page<WorkflowExecutionLogRecord>> ListExecutionLogAsync(string instanceId, PageArgs paging, CancellationToken cancellationToken)
    {
        await using var db = _contextFactory.CreateDbContext();
        var query = db.ExecutionLogRecords.Where(r => r.WorkflowInstanceId == instanceId);
        var (entities, total) = await query.PageWithTotalAsync(query.OrderBy(r => r.Sequence).ThenBy(r => r.Id), paging, cancellationToken);
        return new Page<WorkflowExecutionLogRecord>(entities.ConvertAll(e => e.ToRecord()), total);
    }

    public async Task<bool> TryAcquireLeaseAsync(string instanceId, string owner, DateTimeOffset expiresAt, DateTimeOffset now, CancellationToken cancellationToken)
    {
        using var gate = await _writeGate.EnterAsync(cancellationToken);
        await using var db = _contextFactory.CreateDbContext();
        return await LeaseStatements.For(db).TryAcquireAsync(db, instanceId, owner, expiresAt, now, cancellationToken);
    }

    public async Task<WorkflowInstanceRecord?> TryTakeFreeLeaseAsync(string instanceId, string owner, DateTimeOffset expiresAt, CancellationToken cancellationToken)
    {
        using var gate = await _writeGate.EnterAsync(cancellationToken);
        await using var db = _contextFactory.CreateDbContext();
        var entity = await LeaseStatements.For(db).TakeFreeAsync(db, instanceId, owner, expiresAt, cancellationToken);
        return entity?.ToRecord();
    }

    public async Task<bool> RenewLeaseAsync(string instanceId, string owner, DateTimeOffset expiresAt, CancellationToken cancellationToken)
    {
        using var gate = await _writeGate.EnterAsync(cancellationToken);
        await using var db = _contextFactory.CreateDbContext();
        return await LeaseStatements.For(db).RenewAsync(db, instanceId, owner, expiresAt, cancellationToken);
    }

    public async Task ReleaseLeaseAsync(string instanceId, string owner, CancellationToken cancellationToken)
    {
        using var gate = await _writeGate.EnterAsync(cancellationToken);
        await using var db = _contextFactory.CreateDbContext();
        await LeaseStatements.For(db).ReleaseAsync(db, instanceId, owner, cancellationToken);
    }

    public async Task<int> DeleteAsync(IReadOnlyCollection<string> ids, CancellationToken cancellationToken)
    {
        if (ids.Count == 0)
        {
            return 0;
        }
        using var gate = await _writeGate.EnterAsync(cancellationToken);
        await using var db = _contextFactory.CreateDbContext();
        await db.Database.OpenConnectionAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var idList = ids.ToList();
        await db.Bookmarks.Where(b => idList.Contains(b.WorkflowInstanceId)).ExecuteDeleteAsync(cancellationToken);
        await db.ActivityExecutionRecords.Where(r => idList.Contains(r.WorkflowInstanceId)).ExecuteDeleteAsync(cancellationToken);
        await db.ExecutionLogRecords.Where(r => idList.Contains(r.WorkflowInstanceId)).ExecuteDeleteAsync(cancellationToken);
        var deleted = await db.WorkflowInstances.Where(i => idList.Contains(i.Id)).ExecuteDeleteAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return deleted;
    }

    public Task<int> DeleteFinishedBeforeAsync(DateTimeOffset cutoff, CancellationToken cancellationToken) =>
        DeleteFinishedBeforeAsync(cutoff, DefaultDeleteBatchSize, cancellationToken);

    /// <summary>
    /// Retention in batches of <paramref name="batchSize"/> instances, each batch its own transaction, so the sweep
    /// interleaves with the engine's commits instead of blocking them (SQLite has a single writer).
    /// </summary>
    public async Task<int> DeleteFinishedBeforeAsync(DateTimeOffset cutoff, int batchSize, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(batchSize);
        var finished = WorkflowStatus.Finished.ToString();
        var total = 0;
        while (true)
        {
            List<string> ids;
            await using (var db = _contextFactory.CreateDbContext())
            {
                ids = await db.WorkflowInstances
                    .Where(i => i.Status == finished && i.FinishedAt != null && i.FinishedAt < cutoff)
                    .OrderBy(i => i.FinishedAt)
                    .Select(i => i.Id)
                    .Take(batchSize)
                    .ToListAsync(cancellationToken);
            }
            if (ids.Count == 0)
            {
                return total;
            }
            total += await DeleteAsync(ids, cancellationToken);
            if (ids.Count < batchSize)
            {
                return total;
            }
        }
    }
}
