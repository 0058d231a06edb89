using Microsoft.Extensions.Hosting;
using Quartz;

namespace Workflows.Hosting.Triggers.Scheduling;

/// <summary>
/// Keeps the schedule in step with the trigger store: once the application has started (migrations done, scheduler
/// built), then every <see cref="SchedulerOptions.ReconcileInterval"/>, and whenever <see cref="ReconcileNowAsync"/> is
/// called (e.g. after a publish on this node). Publishing on another node is picked up by the periodic pass.
/// </summary>
public sealed class ScheduleReconciler(
    ISchedulerFactory schedulers,
    ScheduledTriggerSource source,
    ScheduleSynchronizer synchronizer,
    SchedulerOptions options,
    IHostApplicationLifetime lifetime,
    ILogger<ScheduleReconciler> logger) : BackgroundService
{
    private readonly SemaphoreSlim _gate = new(1, 1);

    /// <summary>Syncs the schedule now; concurrent calls run one after the other.</summary>
    public async Task<ScheduleChanges> ReconcileNowAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            var scheduler = await schedulers.GetScheduler(cancellationToken);
            return await synchronizer.SyncAsync(scheduler, await source.ListAsync(cancellationToken), cancellationToken);
        }
        finally
        {
            _gate.Release();
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!await WaitForStartAsync(stoppingToken))
            return;
        using var timer = new PeriodicTimer(options.ReconcileInterval);
        do
        {
            try
            {
                await ReconcileNowAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // A database hiccup must not stop scheduling for good: the next pass tries again.
                logger.LogError(e, "Syncing the trigger schedule failed; retrying in {Interval}", options.ReconcileInterval);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }

    private async Task<bool> WaitForStartAsync(CancellationToken stoppingToken)
    {
        var started = new TaskCompletionSource();
        using var onStarted = lifetime.ApplicationStarted.Register(() => started.TrySetResult());
        using var onStopping = stoppingToken.Register(() => started.TrySetCanceled(stoppingToken));
        try
        {
            await started.Task;
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    public override void Dispose()
    {
        _gate.Dispose();
        base.Dispose();
    }
}
