using Recipes.Ci.Catalog;
using Recipes.Ci.Locking;
using Recipes.Ci.Runs;
using Recipes.Ci.Tenants;
using Recipes.Ci.Warm;
using Workflows.Core.Persistence;

namespace Recipes.Ci.Housekeeping;

/// <summary>
/// Whether a run still runs, asked in order of authority: the engine's instance store (a Running instance,
/// executing or suspended, is alive; a Finished one is not); the run record (finished means dead); then the
/// processes the run left its mark with (its tenant leases, its app lock): it is alive while one of them may be.
/// A run nobody has heard of is dead; an unfinished run with no other evidence (an in-memory run on another host)
/// counts as alive, so nothing of a working run is ever reaped.
/// </summary>
public sealed class RunLiveness(RunRecords records, TenantLeases leases, AppLocks locks, TimeProvider time, IWorkflowInstanceStore? instances = null) : IRunLiveness
{
    public async Task<bool> IsRunningAsync(RunId run, CancellationToken cancellationToken)
    {
        var record = await records.GetAsync(run.Value, cancellationToken);
        if (instances is not null && await instances.FindAsync(record?.InstanceId ?? run.Value, cancellationToken) is { } instance)
            return instance.Status == WorkflowStatus.Running;
        if (record?.FinishedAt is not null)
            return false;

        var evidence = (await leases.OfAsync(run, cancellationToken)).Select(l => WorkerMayBeAlive(l.Worker)).ToList();
        if (record?.App is { } app && await locks.GetHolderAsync(app, cancellationToken) is { } holder && holder.RunId == run.Value)
            evidence.Add(holder.LeaseExpiresAt > time.GetUtcNow() && WorkerMayBeAlive(holder.Worker));
        if (evidence.Count > 0)
            return evidence.Any(alive => alive);
        return record is not null;
    }

    private static bool WorkerMayBeAlive(string worker) => WorkerIdentity.TryParse(worker)?.MayBeAlive() ?? true;
}
