using Docker.DotNet;

namespace Recipes.Swarm.Docker;

/// <summary>
/// Creates Docker Engine API clients. Uses Docker.DotNet.Enhanced (the maintained fork of Docker.DotNet),
/// whose 4.x splits transports into packages; the unix-socket transport is Docker.DotNet.Enhanced.Unix.
/// </summary>
public sealed class DockerClientFactory(DockerOptions options)
{
    public IDockerClient Create() => new DockerClientBuilder().WithEndpoint(options.Endpoint).Build();
}
