using Docker.DotNet;
using Docker.DotNet.Models;

namespace Recipes.Swarm.Docker;

/// <summary>What of an app (stack) exists on the engine: Swarm services and containers labelled with its namespace.</summary>
public sealed record AppPresenceState(int Services, int RunningContainers, int StoppedContainers)
{
    /// <summary>Deployed: a service or a running container. Snapshots and restores are refused then.</summary>
    public bool IsDeployed => Services > 0 || RunningContainers > 0;

    /// <summary>Anything at all left of the app; prune leaves the volumes of such an app alone.</summary>
    public bool IsLive => Services > 0 || RunningContainers > 0 || StoppedContainers > 0;
}

/// <summary>Finds what of an app runs, by the <c>com.docker.stack.namespace</c> label that stack deploys set.</summary>
public sealed class AppPresence(IDockerClient docker)
{
    public async Task<AppPresenceState> GetAsync(AppName app, CancellationToken cancellationToken)
    {
        var filter = StackFilter(app);
        var services = await docker.Swarm.ListServicesAsync(new ServiceListParameters { Filters = filter }, cancellationToken);
        var containers = await docker.Containers.ListContainersAsync(new ContainersListParameters { All = true, Filters = filter }, cancellationToken);
        var running = containers.Count(c => c.State is "running" or "restarting" or "paused");
        return new AppPresenceState(services.Count, running, containers.Count - running);
    }

    public static Dictionary<string, IDictionary<string, bool>> StackFilter(AppName app) =>
        new() { ["label"] = new Dictionary<string, bool> { [$"{Labels.StackNamespace}={app.Value}"] = true } };
}
