namespace Recipes.Swarm.Docker;

/// <summary>Configuration section <c>Docker</c>: where the Docker Engine API is (a unix socket or tcp URL).</summary>
public sealed record DockerOptions(Uri Endpoint)
{
    public static readonly Uri DefaultEndpoint = new("unix:///var/run/docker.sock");
}
