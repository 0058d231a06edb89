using Microsoft.Extensions.Hosting;

namespace Workflows.Hosting.Runtime;

/// <summary>
/// Base of the hosted services that repeat one round of work for as long as the host runs (timer scheduler, recovery
/// sweep, stimulus redelivery, bus supervision): a round that fails is logged and the next one tries again, so only
/// the host stopping ends the loop. The wait is measured from the end of a round, on the injected clock.
/// </summary>
public abstract class PollingService(TimeProvider time, ILogger logger) : BackgroundService
{
    /// <summary>The clock of the waits, for the rounds' own use of time.</summary>
    protected TimeProvider Time { get; } = time;

    /// <summary>The service's logger, for the rounds' own messages.</summary>
    protected ILogger Logger { get; } = logger;

    /// <summary>What a round does, for the log when one fails ("Recovery sweep").</summary>
    protected abstract string RoundName { get; }

    /// <summary>The wait between rounds.</summary>
    protected abstract TimeSpan Interval { get; }

    /// <summary>True when the first round runs at start; otherwise it runs after the first interval.</summary>
    protected virtual bool RunsAtStart => false;

    /// <summary>False when this host has nothing to do for the service (it then ends at once).</summary>
    protected virtual bool IsEnabled => true;

    /// <summary>One round; returns a shorter wait before the next round when one is due sooner, or null for the interval.</summary>
    protected abstract Task<TimeSpan?> RunRoundAsync(CancellationToken cancellationToken);

    protected sealed override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!IsEnabled)
            return;
        var wait = RunsAtStart ? TimeSpan.Zero : Interval;
        while (true)
        {
            if (wait > TimeSpan.Zero)
                await Task.Delay(wait, Time, stoppingToken);
            wait = Interval;
            try
            {
                wait = await RunRoundAsync(stoppingToken) ?? Interval;
            }
            catch (Exception e) when (e is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                Logger.LogWarning(e, "{Round} failed; trying again in {Interval}", RoundName, Interval);
            }
        }
    }
}
