using MassTransit;
using Workflows.Core.Persistence;
using Workflows.Core.Runtime;
using Workflows.Hosting.Dispatch;
using Workflows.Hosting.Leases;

namespace Workflows.Hosting.Runtime;

/// <summary>
/// Cancels an instance: directly when nobody runs it (suspended, pending), else by asking the node that runs it,
/// whose engine then ends it Cancelled at once (a running activity sees its cancellation token).
/// </summary>
public sealed class WorkflowCanceller(WorkflowEngine engine, IWorkflowInstanceStore instances, IWorkflowLocks locks, IBus bus, TimeProvider time)
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
            await using (var instanceLock = await locks.TryAcquireAsync(LockNames.Instance(instanceId), TimeSpan.Zero, cancellationToken))
            {
                if (instanceLock is not null)
                    return await engine.CancelAsync(instanceId, cancellationToken);
            }
            if (!asked)
            {
                await bus.Publish(new CancelRunningWorkflowInstance(instanceId), cancellationToken);
                asked = true;
            }
            if (time.GetUtcNow() > deadline)
                return record;
            await Task.Delay(TimeSpan.FromMilliseconds(200), time, cancellationToken);
        }
    }
}
