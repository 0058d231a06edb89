using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Workflows.Persistence.Retention;

/// <summary>Runs <see cref="RetentionSweeper"/> every <see cref="RetentionOptions.SweepInterval"/> while the host runs.</summary>
public sealed class RetentionSweepService(
    RetentionSweeper sweeper,
    RetentionOptions options,
    TimeProvider timeProvider,
    ILogger<RetentionSweepService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.SweepInterval, timeProvider);
        do
        {
            try
            {
                await sweeper.SweepAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // A failed sweep (database briefly unavailable) is retried at the next tick, not fatal to the server.
                logger.LogWarning(e, "Retention sweep failed; retrying in {Interval}", options.SweepInterval);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
