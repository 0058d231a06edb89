using Docker.DotNet;
using Docker.DotNet.Models;
using Recipes.Swarm.Docker;
using Recipes.Swarm.Stacks;

namespace Recipes.Swarm.Sandbox;

/// <summary>
/// Finds the networks a stack's services are attached to, so a test container can join them: Docker's
/// <c>host</c> network when any service uses it (a container cannot be on host and an overlay at once), else every
/// overlay network of the stack's services.
/// </summary>
public sealed class StackNetworks(IDockerClient docker)
{
    public async Task<SandboxNetwork> ForAsync(AppName app, CancellationToken cancellationToken)
    {
        var services = await docker.Swarm.ListServicesAsync(new ServiceListParameters { Filters = DockerFilters.Stack(app.Value) }, cancellationToken);
        var ids = services
            .SelectMany(s => s.Spec?.TaskTemplate?.Networks ?? [])
            .Select(n => n.Target)
            .OfType<string>()
            .Distinct(StringComparer.Ordinal)
            .ToList();
        var names = new List<string>();
        foreach (var id in ids)
        {
            var network = await docker.Networks.InspectNetworkAsync(id, cancellationToken);
            if (network.Name == "host") return SandboxNetwork.HostNetwork;
            if (network.Driver == "overlay" && !network.Ingress) names.Add(network.Name);
        }
        return new SandboxNetwork(false, names.Order(StringComparer.Ordinal).ToList());
    }
}
