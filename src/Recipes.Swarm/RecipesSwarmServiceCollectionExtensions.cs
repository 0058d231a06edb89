using Docker.DotNet;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Recipes.Swarm.Compose;
using Recipes.Swarm.Docker;
using Recipes.Swarm.Sandbox;
using Recipes.Swarm.Snapshots;
using Recipes.Swarm.Stacks;
using Recipes.Swarm.Volumes;

namespace Recipes.Swarm;

public static class RecipesSwarmServiceCollectionExtensions
{
    /// <summary>
    /// Docker Engine and Swarm as this project uses them: the client, stack deploy/remove/queries and convergence,
    /// volumes and their transports, snapshots, the compose loader and the container sandbox. Services registered first
    /// (e.g. another <see cref="IDockerClient"/>) are kept.
    /// </summary>
    public static IServiceCollection AddRecipesSwarm(this IServiceCollection services, DockerOptions docker, SwarmOptions swarm, SnapshotOptions snapshots)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IDockerClient>(_ => new DockerClientFactory(docker).Create());
        services.TryAddSingleton(swarm);
        services.TryAddSingleton<ExternalNetworks>();
        services.TryAddSingleton<StackResourceProvisioner>();
        services.TryAddSingleton<ConvergenceWatcher>();
        services.TryAddSingleton<StopFirstUpdate>();
        services.TryAddSingleton<IStackDeployer, StackDeployer>();
        services.TryAddSingleton<IStackRemover, StackRemover>();
        services.TryAddSingleton<IStackQueries, StackQueries>();
        services.TryAddSingleton<AppPresence>();
        services.TryAddSingleton<AppVolumes>();
        services.TryAddSingleton(_ => new DockerArchiveEndpoint(docker));
        services.TryAddSingleton<IVolumeArchiver, DockerVolumeArchiver>();
        services.TryAddSingleton(snapshots);
        services.TryAddSingleton<HostTar>();
        services.TryAddSingleton<BackgroundTreeRemover>();
        services.TryAddSingleton<DirectVolumeArchiver>();
        services.TryAddSingleton(sp => new VolumeTransportSelector(sp.GetRequiredService<SnapshotOptions>(), docker, sp.GetRequiredService<HostTar>()));
        services.TryAddSingleton<ISnapshotStore, FileSnapshotStore>();
        services.TryAddSingleton<SnapshotVerifier>();
        services.TryAddSingleton<VolumeSnapshots>();
        services.TryAddSingleton<IComposeLoader>(_ => new ComposeLoader());
        services.TryAddSingleton<ContainerSandbox>();
        services.TryAddSingleton<StackNetworks>();
        return services;
    }
}
