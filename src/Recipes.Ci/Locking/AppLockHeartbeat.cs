using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Recipes.Ci.Locking;

/// <summary>
/// Renews the leases of the app locks this process holds, every third of a lease. When the process dies the renewals
/// stop, the leases run out and waiting runs take the apps over.
/// </summary>
public sealed class AppLockHeartbeat(AppLocks locks, TimeProvider time, ILogger<AppLockHeartbeat> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(locks.Options.Lease / 3, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    await locks.RenewAsync(stoppingToken);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // A missed renewal is not fatal: the lease is three renewals long.
                    logger.LogWarning(e, "Renewing app lock leases failed");
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }
    }
}
