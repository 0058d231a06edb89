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
    ILogger<StimulusRedeliveryService> logger) : PollingService(time, logger)
{
    private const int BatchSize = 200;

    private readonly RecentDispatches _recent = new(options.SweepInterval, time);

    protected override string RoundName => "Stimulus redelivery";

    protected override TimeSpan Interval { get; } = TimeSpan.FromSeconds(1);

    protected override async Task<TimeSpan?> RunRoundAsync(CancellationToken cancellationToken)
    {
        await RedeliverAsync(_recent, cancellationToken);
        return null;
    }

    private async Task RedeliverAsync(RecentDispatches recent, CancellationToken cancellationToken)
    {
        await using var redeliveryLock = await locks.TryAcquireAsync(LockNames.StimulusRedelivery, TimeSpan.Zero, cancellationToken);
        if (redeliveryLock is null)
            return;
        recent.Prune();
        var now = Time.GetUtcNow();
        var expired = await stimuli.DeleteExpiredAsync(now, cancellationToken);
        if (expired > 0)
            Logger.LogWarning("{Count} stimuli expired without a matching bookmark", expired);
        foreach (var stimulus in await stimuli.ListPendingAsync(now, BatchSize, cancellationToken))
        {
            if (!recent.ShouldSend(stimulus.Id))
                continue;
            if (await delivery.TryDeliverAsync(stimulus, cancellationToken) is { } instanceId)
                Logger.LogInformation("Queued stimulus {StimulusId} ({BookmarkName}) dispatched to workflow instance {WorkflowInstanceId}",
                    stimulus.Id, stimulus.BookmarkName, instanceId);
            else
                recent.Forget(stimulus.Id);
        }
    }
}
