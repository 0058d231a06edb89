using Docker.DotNet;

namespace Recipes.Swarm.Docker;

/// <summary>
/// Creates Docker Engine API clients. Uses Docker.DotNet.Enhanced (the maintained fork of Docker.DotNet),
/// whose 4.x splits transports into packages; the unix-socket transport is Docker.DotNet.Enhanced.Unix.
/// </summary>
public sealed class DockerClientFactory(DockerOptions options)
{
    /// <summary>The engine's address (<c>Docker:Endpoint</c>), for messages that say where recipeci looked.</summary>
    public Uri Endpoint => options.Endpoint;

    public IDockerClient Create() => new DockerClientBuilder().WithEndpoint(options.Endpoint).Build();
}
