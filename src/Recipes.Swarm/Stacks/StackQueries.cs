using Docker.DotNet;
using Docker.DotNet.Models;
using Recipes.Swarm.Docker;

namespace Recipes.Swarm.Stacks;

/// <summary>Answers <see cref="IStackQueries"/> from the services' labels, the same source <c>docker stack ls</c> uses.</summary>
public sealed class StackQueries(IDockerClient docker) : IStackQueries
{
    public async Task<bool> IsDeployedAsync(AppName app, CancellationToken cancellationToken = default) =>
        (await docker.Swarm.ListServicesAsync(new ServiceListParameters { Filters = DockerFilters.Stack(app.Value) }, cancellationToken)).Count > 0;

    public async Task<IReadOnlyList<StackSummary>> ListStacksAsync(CancellationToken cancellationToken = default)
    {
        var services = await docker.Swarm.ListServicesAsync(new ServiceListParameters(), cancellationToken);
        return services
            .Select(s => (Service: s, Stack: s.Spec?.Labels is { } l && l.TryGetValue(Labels.StackNamespace, out var stack) ? stack : null))
            .Where(x => x.Stack is not null)
            .GroupBy(x => x.Stack!)
            .Select(g => new StackSummary(g.Key, g.Select(x => x.Service.Spec?.Name ?? x.Service.ID).OfType<string>().Order().ToList(), VersionOf(g.Key, g.Select(x => x.Service))))
            .OrderBy(s => s.Name, StringComparer.Ordinal)
            .ToList();
    }

    public async Task<string?> GetDeployedVersionAsync(AppName app, CancellationToken cancellationToken = default)
    {
        var services = await docker.Swarm.ListServicesAsync(new ServiceListParameters { Filters = DockerFilters.Stack(app.Value) }, cancellationToken);
        return VersionOf(app.Value, services);
    }

    private static string? VersionOf(string stack, IEnumerable<SwarmService> services)
    {
        var label = StackLabels.CoopCloudVersion(stack);
        return services
            .OrderBy(s => s.Spec?.Name == $"{stack}_app" ? 0 : 1) // abra puts it on the main service, "app"
            .Select(s => s.Spec?.Labels is { } l && l.TryGetValue(label, out var version) ? version : null)
            .FirstOrDefault(v => v is not null);
    }
}
