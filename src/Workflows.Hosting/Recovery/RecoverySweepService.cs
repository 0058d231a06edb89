using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Workflows.Core.Persistence;
using Workflows.Core.Runtime;
using Workflows.Hosting.Leases;
using Workflows.Hosting.Runtime;

namespace Workflows.Hosting.Recovery;

/// <summary>
/// Every third of a lease, re-dispatches Running instances that should be running but whose lease expired (their
/// node died or gave them up at shutdown), and pending instances whose first dispatch got lost (in-memory bus at a
/// crash). One node sweeps at a time; the instance lock makes any duplicate harmless.
/// </summary>
public sealed class RecoverySweepService(
    IWorkflowInstanceStore instances,
    IWorkflowLocks locks,
    IWorkflowDispatcher dispatcher,
    RecoveryMetrics metrics,
    WorkflowServerOptions options,
    TimeProvider time,
    ILogger<RecoverySweepService> logger) : BackgroundService
{
    private const int BatchSize = 200;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var recent = new RecentDispatches(options.LeaseDuration, time);
        using var timer = new PeriodicTimer(options.SweepInterval, time);
        do
        {
            try
            {
                await SweepAsync(recent, stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning(e, "Recovery sweep failed; trying again in {Interval}", options.SweepInterval);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    private async Task SweepAsync(RecentDispatches recent, CancellationToken cancellationToken)
    {
        await using var sweepLock = await locks.TryAcquireAsync(LockNames.RecoverySweep, TimeSpan.Zero, cancellationToken);
        if (sweepLock is null)
            return;
        recent.Prune();
        var now = time.GetUtcNow();
        var page = await instances.ListAsync(new WorkflowInstanceFilter
        {
            LeaseExpiredBefore = now,
            SubStatuses = [WorkflowSubStatus.Pending, WorkflowSubStatus.Executing],
            OrderBy = WorkflowInstanceOrder.UpdatedAt,
            Descending = false,
        }, new PageArgs(0, BatchSize), cancellationToken);

        foreach (var instance in page.Items)
        {
            // Without a lease and recently touched, its dispatch message is most likely still on its way.
            if (instance.LeaseOwner is null && now - instance.UpdatedAt < options.LeaseDuration)
                continue;
            if (!recent.ShouldSend(instance.Id))
                continue;
            if (instance.LeaseOwner is not null)
            {
                metrics.InstanceRecovered();
                logger.LogWarning("Recovering workflow instance {WorkflowInstanceId}: the lease of {LeaseOwner} expired at {LeaseExpiresAt}",
                    instance.Id, instance.LeaseOwner, instance.LeaseExpiresAt);
            }
            else
            {
                logger.LogInformation("Re-dispatching workflow instance {WorkflowInstanceId} ({SubStatus} since {UpdatedAt}, nobody runs it)",
                    instance.Id, instance.SubStatus, instance.UpdatedAt);
            }
            await dispatcher.DispatchRunAsync(instance.Id, cancellationToken);
        }
    }
}
