using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Recipes.Ci.Persistence;
using Recipes.Ci.Persistence.Entities;

namespace Recipes.Ci.Locking;

/// <summary>
/// Per-app serialization in the domain database, so it holds across processes and nodes. One row per held app; the
/// primary key makes two concurrent acquirers impossible. Waiters queue in order; a release hands the lock straight
/// to the oldest waiter, which finds it held for it when it wakes. A holder that died (process gone, instance ended,
/// lease not renewed) is taken over by the next run that checks.
/// </summary>
public sealed class AppLocks(
    IDbContextFactory<RecipesDbContext> contexts,
    AppLockOptions options,
    TimeProvider time,
    IEnumerable<IRunInstanceLiveness> liveness,
    ILogger<AppLocks> logger)
{
    public AppLockOptions Options => options;

    /// <summary>Takes the lock for the run, or queues it as a waiter. Idempotent: the holder asking again renews.</summary>
    public async Task<AppLockAttempt> TryAcquireAsync(string app, string runId, string instanceId, CancellationToken cancellationToken)
    {
        var worker = WorkerIdentity.Current.ToString();
        for (var attempt = 0; ; attempt++)
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            var now = time.GetUtcNow();
            var row = await db.AppLocks.AsNoTracking().SingleOrDefaultAsync(l => l.App == app, cancellationToken);
            try
            {
                if (row is null)
                {
                    // A free app goes to the oldest live waiter; the caller takes it only when it is that waiter or none waits.
                    var first = await OldestLiveWaiterAsync(db, app, now, cancellationToken);
                    if (first is not null && first.RunId != runId)
                    {
                        await QueueAsync(db, app, runId, instanceId, now, cancellationToken);
                        return new AppLockAttempt(false, ToRecord(NewHolder(app, first.RunId, first.InstanceId, string.Empty, first.WaitingSince)));
                    }
                    var entity = NewHolder(app, runId, instanceId, worker, now);
                    db.AppLocks.Add(entity);
                    await db.AppLockWaiters.Where(w => w.App == app && w.RunId == runId).ExecuteDeleteAsync(cancellationToken);
                    await db.SaveChangesAsync(cancellationToken);
                    logger.LogInformation("Run {RunId} holds app {App}", runId, app);
                    return new AppLockAttempt(true, ToRecord(entity));
                }

                if (row.HolderRunId == runId)
                {
                    var lease = now + options.Lease;
                    await db.AppLocks.Where(l => l.App == app && l.HolderRunId == runId)
                        .ExecuteUpdateAsync(s => s.SetProperty(l => l.LeaseExpiresAt, lease).SetProperty(l => l.HolderWorker, worker)
                            .SetProperty(l => l.HolderInstanceId, instanceId), cancellationToken);
                    await db.AppLockWaiters.Where(w => w.App == app && w.RunId == runId).ExecuteDeleteAsync(cancellationToken);
                    return new AppLockAttempt(true, ToRecord(row) with { Worker = worker, LeaseExpiresAt = lease });
                }

                if (await IsDeadAsync(row, now, cancellationToken))
                {
                    // Compare-and-swap on the old holder and lease: only one waiter wins the take-over.
                    var lease = now + options.Lease;
                    var taken = await db.AppLocks
                        .Where(l => l.App == app && l.HolderRunId == row.HolderRunId && l.LeaseExpiresAt == row.LeaseExpiresAt)
                        .ExecuteUpdateAsync(s => s.SetProperty(l => l.HolderRunId, runId).SetProperty(l => l.HolderInstanceId, instanceId)
                            .SetProperty(l => l.HolderWorker, worker).SetProperty(l => l.AcquiredAt, now).SetProperty(l => l.LeaseExpiresAt, lease),
                            cancellationToken);
                    if (taken == 1)
                    {
                        await db.AppLockWaiters.Where(w => w.App == app && w.RunId == runId).ExecuteDeleteAsync(cancellationToken);
                        logger.LogWarning("Run {RunId} took app {App} over from run {Dead} (holder dead)", runId, app, row.HolderRunId);
                        return new AppLockAttempt(true, ToRecord(NewHolder(app, runId, instanceId, worker, now)), ToRecord(row));
                    }
                    continue;
                }

                await QueueAsync(db, app, runId, instanceId, now, cancellationToken);
                return new AppLockAttempt(false, ToRecord(row));
            }
            catch (DbUpdateException) when (attempt < 5)
            {
                // Someone inserted the row (or our waiter row) between our read and our write: look again.
            }
        }
    }

    /// <summary>
    /// Releases the run's lock and hands it to the oldest waiter; returns that waiter (to be woken), or null. Releasing
    /// a lock the run does not hold only removes it from the queue.
    /// </summary>
    public async Task<AppLockHolder?> ReleaseAsync(string app, string runId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.AppLockWaiters.Where(w => w.App == app && w.RunId == runId).ExecuteDeleteAsync(cancellationToken);
        var row = await db.AppLocks.AsTracking().SingleOrDefaultAsync(l => l.App == app && l.HolderRunId == runId, cancellationToken);
        if (row is null)
        {
            await transaction.CommitAsync(cancellationToken);
            return null;
        }
        var now = time.GetUtcNow();
        // Never hand the app to a dead waiter (faulted, cancelled, its process gone): it would hold it for a whole lease.
        var next = await OldestLiveWaiterAsync(db, app, now, cancellationToken);
        if (next is null)
        {
            db.AppLocks.Remove(row);
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            logger.LogInformation("Run {RunId} released app {App}", runId, app);
            return null;
        }
        // Hand over: the waiter's worker is unknown until it wakes and renews, so it gets a full lease to do so.
        row.HolderRunId = next.RunId;
        row.HolderInstanceId = next.InstanceId;
        row.HolderWorker = string.Empty;
        row.AcquiredAt = now;
        row.LeaseExpiresAt = now + options.Lease;
        await db.AppLockWaiters.Where(w => w.App == app && w.RunId == next.RunId).ExecuteDeleteAsync(cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        logger.LogInformation("Run {RunId} released app {App} to waiting run {Next}", runId, app, next.RunId);
        return ToRecord(row);
    }

    /// <summary>Renews the leases of every lock this process holds (called by <see cref="AppLockHeartbeat"/>).</summary>
    public async Task<int> RenewAsync(CancellationToken cancellationToken)
    {
        var worker = WorkerIdentity.Current.ToString();
        var lease = time.GetUtcNow() + options.Lease;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.AppLocks.Where(l => l.HolderWorker == worker)
            .ExecuteUpdateAsync(s => s.SetProperty(l => l.LeaseExpiresAt, lease), cancellationToken);
    }

    public async Task<AppLockHolder?> GetHolderAsync(string app, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var row = await db.AppLocks.AsNoTracking().SingleOrDefaultAsync(l => l.App == app, cancellationToken);
        return row is null ? null : ToRecord(row);
    }

    public async Task<IReadOnlyList<string>> ListWaitersAsync(string app, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.AppLockWaiters.AsNoTracking().Where(w => w.App == app).OrderBy(w => w.WaitingSince)
            .Select(w => w.RunId).ToListAsync(cancellationToken);
    }

    /// <summary>
    /// The oldest waiter that may still be alive; dead ones met on the way (their instance ended, faulted or was
    /// cancelled, their process is gone, or they stopped polling for a whole lease) give up their place: their rows go.
    /// </summary>
    private async Task<AppLockWaiterEntity?> OldestLiveWaiterAsync(RecipesDbContext db, string app, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var waiters = await db.AppLockWaiters.AsNoTracking().Where(w => w.App == app).OrderBy(w => w.WaitingSince).ToListAsync(cancellationToken);
        foreach (var waiter in waiters)
        {
            if (!await IsWaiterDeadAsync(waiter, now, cancellationToken))
                return waiter;
            await db.AppLockWaiters.Where(w => w.App == app && w.RunId == waiter.RunId && w.InstanceId == waiter.InstanceId)
                .ExecuteDeleteAsync(cancellationToken);
            logger.LogInformation("Run {RunId} (instance {InstanceId}) gave up its place waiting for app {App}: it is no longer running",
                waiter.RunId, waiter.InstanceId, app);
        }
        return null;
    }

    private async Task<bool> IsWaiterDeadAsync(AppLockWaiterEntity waiter, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (now - waiter.LastPolledAt >= options.Lease)
            return true;
        foreach (var check in liveness)
            if (!await check.MayBeRunningAsync(waiter.InstanceId, cancellationToken))
                return true;
        return false;
    }

    /// <summary>
    /// Removes the waiter rows of every app whose waiter is dead (see <see cref="OldestLiveWaiterAsync"/>), for the
    /// housekeeping pass: a waiter that faulted or was cancelled while nobody used its app leaves no row behind.
    /// </summary>
    public async Task<int> PurgeDeadWaitersAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var now = time.GetUtcNow();
        var removed = 0;
        foreach (var waiter in await db.AppLockWaiters.AsNoTracking().ToListAsync(cancellationToken))
            if (await IsWaiterDeadAsync(waiter, now, cancellationToken))
                removed += await db.AppLockWaiters.Where(w => w.App == waiter.App && w.RunId == waiter.RunId && w.InstanceId == waiter.InstanceId)
                    .ExecuteDeleteAsync(cancellationToken);
        return removed;
    }

    /// <summary>Takes the instance out of every queue (it was cancelled or faulted while waiting).</summary>
    public async Task<int> LeaveQueuesAsync(string instanceId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.AppLockWaiters.Where(w => w.InstanceId == instanceId).ExecuteDeleteAsync(cancellationToken);
    }

    private static async Task QueueAsync(RecipesDbContext db, string app, string runId, string instanceId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var waiting = await db.AppLockWaiters.AsTracking().SingleOrDefaultAsync(w => w.App == app && w.RunId == runId, cancellationToken);
        if (waiting is null)
            db.AppLockWaiters.Add(new AppLockWaiterEntity { App = app, RunId = runId, InstanceId = instanceId, WaitingSince = now, LastPolledAt = now });
        else
        {
            waiting.InstanceId = instanceId;
            waiting.LastPolledAt = now;
        }
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>True when a holder that may still be alive holds the app (a dead holder's lock counts as free).</summary>
    public async Task<bool> IsHeldAsync(string app, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var row = await db.AppLocks.AsNoTracking().SingleOrDefaultAsync(l => l.App == app, cancellationToken);
        return row is not null && !await IsDeadAsync(row, time.GetUtcNow(), cancellationToken);
    }

    private async Task<bool> IsDeadAsync(AppLockEntity row, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (row.LeaseExpiresAt <= now)
            return true;
        if (WorkerIdentity.TryParse(row.HolderWorker) is { } worker && !worker.MayBeAlive())
            return true;
        foreach (var check in liveness)
            if (!await check.MayBeRunningAsync(row.HolderInstanceId, cancellationToken))
                return true;
        return false;
    }

    private AppLockEntity NewHolder(string app, string runId, string instanceId, string worker, DateTimeOffset now) => new()
    {
        App = app,
        HolderRunId = runId,
        HolderInstanceId = instanceId,
        HolderWorker = worker,
        AcquiredAt = now,
        LeaseExpiresAt = now + options.Lease,
    };

    private static AppLockHolder ToRecord(AppLockEntity row) =>
        new(row.App, row.HolderRunId, row.HolderInstanceId, row.HolderWorker, row.AcquiredAt, row.LeaseExpiresAt);
}
