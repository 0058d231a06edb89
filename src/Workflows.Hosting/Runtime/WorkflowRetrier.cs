using Workflows.Core.Persistence;
using Workflows.Core.Runtime;
using Workflows.Hosting.Leases;

namespace Workflows.Hosting.Runtime;

/// <summary>
/// Operator retry of a faulted instance: re-schedules its incident activity under the instance lock and this node's
/// lease (the commit fenced on it, so it cannot interleave with another node's), then dispatches it.
/// </summary>
public sealed class WorkflowRetrier(WorkflowEngine engine, IWorkflowInstanceStore instances, IWorkflowLocks locks, InstanceLeases leases, IWorkflowDispatcher dispatcher)
{
    public async Task<RetryResult> RetryAsync(string instanceId, CancellationToken cancellationToken)
    {
        var record = await instances.FindAsync(instanceId, cancellationToken);
        if (record is null)
            return new RetryResult(instanceId, false, "not found");
        if (record.SubStatus != WorkflowSubStatus.Faulted)
            return new RetryResult(instanceId, false, $"it is {record.SubStatus}; only Faulted instances can be retried");
        await using (var instanceLock = await locks.TryAcquireAsync(LockNames.Instance(instanceId), TimeSpan.FromSeconds(10), cancellationToken))
        {
            if (instanceLock is null)
                return new RetryResult(instanceId, false, "another worker holds it; try again");
            await using var lease = await leases.TryAcquireNowAsync(instanceId, cancellationToken);
            if (lease is null)
                return new RetryResult(instanceId, false, $"node {(await instances.FindAsync(instanceId, cancellationToken))?.LeaseOwner} holds its lease; try again");
            try
            {
                await engine.ScheduleRetryAsync(instanceId, new WorkflowRunControl { LeaseOwner = lease.Owner }, cancellationToken);
            }
            catch (InvalidOperationException e)
            {
                return new RetryResult(instanceId, false, e.Message);
            }
            catch (LeaseLostException)
            {
                return new RetryResult(instanceId, false, "another node took its lease meanwhile; try again");
            }
        }
        // Lease and lock released first: the worker that takes the run (any node) claims them itself.
        await dispatcher.DispatchRunAsync(instanceId, cancellationToken);
        return new RetryResult(instanceId, true, null);
    }
}

/// <summary>The outcome of retrying one instance.</summary>
public sealed record RetryResult(string WorkflowInstanceId, bool Retried, string? Message);
