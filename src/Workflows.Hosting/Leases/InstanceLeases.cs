using Workflows.Core.Persistence;
using Workflows.Hosting.Runtime;

namespace Workflows.Hosting.Leases;

/// <summary>Takes instance leases for this node. Callers hold the instance lock, so a lease held by another owner belongs to a dead node.</summary>
public sealed class InstanceLeases(IWorkflowInstanceStore store, WorkflowServerOptions options, TimeProvider time, ILogger<InstanceLease> logger)
{
    /// <summary>
    /// Takes the lease once, without waiting: null while another owner holds an unexpired lease (a node still running
    /// the instance). For operator alterations (cancel, retry), whose commits are then fenced on it.
    /// </summary>
    public async Task<InstanceLease?> TryAcquireNowAsync(string instanceId, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        return await store.TryAcquireLeaseAsync(instanceId, options.NodeId, now + options.LeaseDuration, now, cancellationToken)
            ? AdoptWritten(instanceId)
            : null;
    }

    /// <summary>
    /// Takes the lease if nobody holds it, with the row read in the same statement (current: nothing else can write it
    /// without the lease); null when the row is missing or names an owner, which <see cref="AcquireAsync"/> handles.
    /// </summary>
    public async Task<(InstanceLease Lease, WorkflowInstanceRecord Record)?> TryTakeFreeAsync(string instanceId, CancellationToken cancellationToken)
    {
        var record = await store.TryTakeFreeLeaseAsync(instanceId, options.NodeId, time.GetUtcNow() + options.LeaseDuration, cancellationToken);
        return record is null ? null : (AdoptWritten(instanceId), record);
    }

    /// <summary>The lease a new instance is created with (owner and end), for <see cref="AdoptUnwritten"/>.</summary>
    public (string Owner, DateTimeOffset ExpiresAt) ForNewInstance() => (options.NodeId, time.GetUtcNow() + options.LeaseDuration);

    /// <summary>
    /// Takes charge of a lease that goes into the store with the row the run's first commit creates
    /// (<see cref="ForNewInstance"/>, <c>WorkflowEngine.StartAsync</c>): no write of its own; the heartbeat renews it
    /// from there and disposing releases it, as for a lease acquired. Until that row exists the heartbeat has nothing
    /// to renew, and the lease is not lost for it (nobody else can know the new id, so nobody can hold it).
    /// </summary>
    public InstanceLease AdoptUnwritten(string instanceId) =>
        new(instanceId, options.NodeId, store, time, options.LeaseDuration, options.HeartbeatInterval, logger, written: false);

    /// <summary>
    /// Takes charge of a lease already in the store: taken by this class, or in the instance's row since it was created
    /// with it (<see cref="ForNewInstance"/>, <c>WorkflowEngine.CreateInstanceAsync</c>). No write of its own.
    /// </summary>
    public InstanceLease AdoptWritten(string instanceId) =>
        new(instanceId, options.NodeId, store, time, options.LeaseDuration, options.HeartbeatInterval, logger);

    /// <summary>
    /// Acquires the lease, waiting for a dead owner's lease to expire (at most one lease length); null if it is
    /// still held then.
    /// </summary>
    public async Task<InstanceLease?> AcquireAsync(string instanceId, CancellationToken cancellationToken)
    {
        var deadline = time.GetUtcNow() + options.LeaseDuration + TimeSpan.FromSeconds(1);
        while (true)
        {
            var now = time.GetUtcNow();
            if (await store.TryAcquireLeaseAsync(instanceId, options.NodeId, now + options.LeaseDuration, now, cancellationToken))
                return AdoptWritten(instanceId);
            var current = await store.FindAsync(instanceId, cancellationToken);
            if (current is null || now >= deadline)
                return null;
            var wait = (current.LeaseExpiresAt ?? now) - now;
            logger.LogInformation("Workflow instance {WorkflowInstanceId} is leased by {LeaseOwner} until {LeaseExpiresAt}; taking it over when the lease expires",
                instanceId, current.LeaseOwner, current.LeaseExpiresAt);
            await Task.Delay(TimeSpan.FromMilliseconds(Math.Clamp(wait.TotalMilliseconds + 50, 50, options.LeaseDuration.TotalMilliseconds)), time, cancellationToken);
        }
    }
}
