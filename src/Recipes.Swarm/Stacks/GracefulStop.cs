using System.Net;
using Docker.DotNet;
using Docker.DotNet.Models;

namespace Recipes.Swarm.Stacks;

/// <summary>
/// Stops a task's container as Swarm's agent would, only without the agent's first step: its stop signal, then the
/// service's stop grace period, then kill. The agent first waits about 2 s for service discovery to converge (so a
/// load balancer stops sending traffic before the container goes), which a CI app, with no traffic, only pays for.
/// </summary>
internal static class GracefulStop
{
    /// <summary>Swarm's default stop grace period, for services that set none.</summary>
    public static readonly TimeSpan DefaultGracePeriod = TimeSpan.FromSeconds(10);

    public static TimeSpan GracePeriodOf(SwarmService service) =>
        service.Spec?.TaskTemplate?.ContainerSpec?.StopGracePeriod is { } grace && grace > TimeSpan.Zero ? grace : DefaultGracePeriod;

    public static TimeSpan GracePeriodOf(IEnumerable<SwarmService> services) =>
        services.Select(GracePeriodOf).DefaultIfEmpty(DefaultGracePeriod).Max();

    /// <summary>Stops the container; one that Swarm's agent already stopped, is removing or removed is not an error.</summary>
    public static Task StopAsync(IDockerClient docker, string containerId, TimeSpan grace, CancellationToken cancellationToken) =>
        IgnoreGoneAsync(() => docker.Containers.StopContainerAsync(containerId,
            new ContainerStopParameters { WaitBeforeKillSeconds = (uint)Math.Ceiling(grace.TotalSeconds) }, cancellationToken));

    /// <summary>404: already gone. 409: Swarm's agent is removing it already.</summary>
    public static async Task IgnoreGoneAsync(Func<Task> action)
    {
        try { await action(); }
        catch (DockerApiException ex) when (ex.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.Conflict) { }
    }
}
