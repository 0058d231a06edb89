using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Workflows.Core.Persistence;
using Workflows.Hosting.Leases;
using Workflows.Hosting.Recovery;
using Workflows.Hosting.Runtime;

namespace Workflows.Hosting.Stimuli;

/// <summary>
/// Re-signals queued stimuli every <see cref="Interval"/> until a matching bookmark consumes them, and drops expired
/// ones. One node at a time; a stimulus dispatched recently is left alone while its resumption is on its way.
/// </summary>
public sealed class StimulusRedeliveryService(
    IStimulusStore stimuli,
    StimulusDelivery delivery,
    IWorkflowLocks locks,
    WorkflowServerOptions options,
    TimeProvider time,
    ILogger<StimulusRedeliveryService> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);
    private const int BatchSize = 200;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var recent = new RecentDispatches(options.SweepInterval, time);
        using var timer = new PeriodicTimer(Interval, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await RedeliverAsync(recent, stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning(e, "Stimulus redelivery failed; trying again in {Interval}", Interval);
            }
        }
    }

    private async Task RedeliverAsync(RecentDispatches recent, CancellationToken cancellationToken)
    {
        await using var redeliveryLock = await locks.TryAcquireAsync(LockNames.StimulusRedelivery, TimeSpan.Zero, cancellationToken);
        if (redeliveryLock is null)
            return;
        recent.Prune();
        var now = time.GetUtcNow();
        var expired = await stimuli.DeleteExpiredAsync(now, cancellationToken);
        if (expired > 0)
            logger.LogWarning("{Count} stimuli expired without a matching bookmark", expired);
        foreach (var stimulus in await stimuli.ListPendingAsync(now, BatchSize, cancellationToken))
        {
            if (!recent.ShouldSend(stimulus.Id))
                continue;
            if (await delivery.TryDeliverAsync(stimulus, cancellationToken) is { } instanceId)
                logger.LogInformation("Queued stimulus {StimulusId} ({BookmarkName}) dispatched to workflow instance {WorkflowInstanceId}",
                    stimulus.Id, stimulus.BookmarkName, instanceId);
            else
                recent.Forget(stimulus.Id);
        }
    }
}
