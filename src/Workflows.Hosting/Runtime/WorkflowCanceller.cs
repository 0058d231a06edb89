using MassTransit;
using Workflows.Core.Persistence;
using Workflows.Core.Runtime;
using Workflows.Hosting.Dispatch;
using Workflows.Hosting.Leases;

namespace Workflows.Hosting.Runtime;

/// <summary>
/// Cancels an instance without interleaving with the node that runs it. Running on this node: its run is cancelled
/// in place (the running activity sees its cancellation token) and the run commits Cancelled under its own lease.
/// Idle (suspended, pending, faulted): cancelled here under the instance lock and this node's lease, the commit fenced
/// on that lease. Held by another node (its lock or an unexpired lease): that node is asked over the bus and cancels
/// its own run; nothing is written here meanwhile.
/// </summary>
public sealed class WorkflowCanceller(
    WorkflowEngine engine,
    IWorkflowInstanceStore instances,
    IWorkflowLocks locks,
    InstanceLeases leases,
    RunningInstances running,
    IBus bus,
    TimeProvider time,
    ILogger<WorkflowCanceller> logger)
{
    private static readonly TimeSpan WaitForRunningNode = TimeSpan.FromSeconds(10);

    /// <summary>The instance afterwards (Finished/Cancelled unless it finished first); null when it does not exist.</summary>
    public async Task<WorkflowInstanceRecord?> CancelAsync(string instanceId, CancellationToken cancellationToken)
    {
        var deadline = time.GetUtcNow() + WaitForRunningNode;
        var asked = false;
        while (true)
        {
            var record = await instances.FindAsync(instanceId, cancellationToken);
            if (record is null || record.Status == WorkflowStatus.Finished)
                return record;
            if (running.TryCancel(instanceId))
            {
                if (!asked)
                    logger.LogInformation("Cancelling workflow instance {WorkflowInstanceId}, which runs on this node", instanceId);
                asked = true;
            }
            else if (await TryCancelIdleAsync(instanceId, cancellationToken) is { } cancelled)
            {
                return cancelled;
            }
            else if (!asked)
            {
                logger.LogInformation("Workflow instance {WorkflowInstanceId} is held by {LeaseOwner}; asking that node to cancel it", instanceId, record.LeaseOwner);
                await bus.Publish(new CancelRunningWorkflowInstance(instanceId), cancellationToken);
                asked = true;
            }
            if (time.GetUtcNow() > deadline)
                return record;
            await Task.Delay(TimeSpan.FromMilliseconds(200), time, cancellationToken);
        }
    }

    /// <summary>Cancels the instance here when no worker holds it (lock free, lease free or expired); null otherwise.</summary>
    private async Task<WorkflowInstanceRecord?> TryCancelIdleAsync(string instanceId, CancellationToken cancellationToken)
    {
        await using var instanceLock = await locks.TryAcquireAsync(LockNames.Instance(instanceId), TimeSpan.Zero, cancellationToken);
        if (instanceLock is null)
            return null;
        // The lock alone is not enough: a node whose lock session dropped may still be running the instance under a
        // live lease. Taking the lease makes that node's next commit fail (fenced) instead of overwriting this one.
        await using var lease = await leases.TryAcquireNowAsync(instanceId, cancellationToken);
        if (lease is null)
            return null;
        try
        {
            return await engine.CancelAsync(instanceId, new WorkflowRunControl { LeaseOwner = lease.Owner }, cancellationToken);
        }
        catch (LeaseLostException)
        {
            return null;
        }
    }
}
