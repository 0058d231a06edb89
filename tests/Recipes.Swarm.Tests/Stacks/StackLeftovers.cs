using Docker.DotNet;
using Docker.DotNet.Models;
using Recipes.Swarm.Docker;
using Recipes.Swarm.Stacks;

namespace Recipes.Swarm.Tests.Stacks;

/// <summary>Asserts that the Docker API lists nothing of a stack: services, containers, networks, configs, secrets, volumes.</summary>
public static class StackLeftovers
{
    public static async Task AssertNoneAsync(IDockerClient docker, string stack)
    {
        var filter = DockerFilters.Stack(stack);
        Assert.Empty(await docker.Swarm.ListServicesAsync(new ServiceListParameters { Filters = filter }));
        Assert.Empty(await docker.Containers.ListContainersAsync(new ContainersListParameters { All = true, Filters = filter }));
        Assert.Empty((await docker.Networks.ListNetworksAsync()).Where(n => Of(n.Labels, n.Name, stack)).Select(n => n.Name));
        Assert.Empty((await docker.Configs.ListConfigsAsync()).Where(c => Of(c.Spec.Labels, c.Spec.Name, stack)).Select(c => c.Spec.Name));
        Assert.Empty((await docker.Secrets.ListAsync()).Where(s => Of(s.Spec.Labels, s.Spec.Name, stack)).Select(s => s.Spec.Name));
        Assert.Empty(((await docker.Volumes.ListAsync(new VolumesListParameters())).Volumes ?? []).Where(v => Of(v.Labels, v.Name, stack)).Select(v => v.Name));
    }

    // Labelled with the stack, or named after it (an object made without the label is left behind just the same).
    private static bool Of(IDictionary<string, string>? labels, string? name, string stack) =>
        (labels is not null && labels.TryGetValue(Labels.StackNamespace, out var value) && value == stack)
        || (name ?? "").StartsWith(stack + "_", StringComparison.Ordinal);
}
