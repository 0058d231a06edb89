using Microsoft.Extensions.Hosting;
using Workflows.Hosting.Runtime;

namespace Workflows.Hosting.Recovery;

/// <summary>
/// On shutdown (registered after the bus, so it stops before it): stop taking work, let running activities reach
/// the end of their step up to the deadline, then expire the leases of runs still going so another node (or the
/// next start) resumes them at once. Workflows are never cancelled by a shutdown.
/// </summary>
public sealed class GracefulShutdownService(
    ServerShutdown shutdown,
    RunningInstances running,
    WorkflowServerOptions options,
    TimeProvider time,
    ILogger<GracefulShutdownService> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await shutdown.SignalAsync();
        var count = running.Count;
        if (count == 0)
            return;
        logger.LogInformation("Shutting down: waiting up to {Deadline} for {Count} running workflow instances to finish their step", options.ShutdownDeadline, count);
        if (await running.WaitForAllAsync(options.ShutdownDeadline, time))
            return;
        foreach (var instanceId in await running.ExpireLeasesAsync())
            logger.LogWarning("Workflow instance {WorkflowInstanceId} was still inside an activity at the shutdown deadline; its lease is given up and the step will run again", instanceId);
    }
}
