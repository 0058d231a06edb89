using Docker.DotNet;
using Docker.DotNet.Models;
using Microsoft.Extensions.Logging;
using Recipes.Swarm.Docker;

namespace Recipes.Swarm.Stacks;

/// <summary>
/// <c>docker stack deploy</c> through the Engine API, plus the convergence wait the CLI lacks. Services are updated
/// in place with the version index Docker expects; an unchanged spec (same <see cref="StackLabels.SpecHash"/>) is
/// left alone, so its version does not move and no task restarts. A single-replica stop-first update has its old
/// container stopped here first (<see cref="StopFirstUpdate"/>). The stability check after the tests is
/// <see cref="StackStabilityCheck"/>'s.
/// </summary>
public sealed class StackDeployer(
    IDockerClient docker,
    StackResourceProvisioner resources,
    ConvergenceWatcher watcher,
    StopFirstUpdate stopFirst,
    ILogger<StackDeployer> logger,
    TimeProvider? time = null) : IStackDeployer
{
    private readonly TimeProvider _time = time ?? TimeProvider.System;
    private readonly StackStabilityCheck stability = new(docker);

    public Task<StackStability> CheckStabilityAsync(AppName app, DateTime sinceUtc, CancellationToken cancellationToken = default) =>
        stability.CheckAsync(app, sinceUtc, cancellationToken);

    public async Task<StackDeployResult> DeployAsync(StackDeployRequest request, IProgress<DeployProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        var stack = request.App.Value;
        var started = _time.GetTimestamp();
        // Docker's timestamps have second precision at worst; a second of slack keeps this deploy's first task in.
        var startedUtc = _time.GetUtcNow().UtcDateTime - TimeSpan.FromSeconds(1);
        foreach (var warning in request.Project.Warnings)
            logger.LogWarning("Stack {Stack}: compose warning: {Warning}", stack, warning.ToString());

        var resolved = await resources.ProvisionAsync(request.App, request.Role, request.Project, request.SecretValues, cancellationToken);
        var existing = (await docker.Swarm.ListServicesAsync(new ServiceListParameters { Filters = DockerFilters.Stack(stack) }, cancellationToken))
            .ToDictionary(s => s.Spec?.Name ?? s.ID);

        var changes = new List<ServiceChange>();
        var watched = new List<WatchedService>();
        foreach (var service in request.Project.Services.Values.OrderBy(s => s.Name, StringComparer.Ordinal))
        {
            var spec = ServiceSpecBuilder.Build(stack, service, resolved);
            var name = $"{stack}_{service.Name}";
            var hash = ServiceSpecBuilder.HashOf(spec.Labels)!;
            if (!existing.TryGetValue(name, out var current))
            {
                var created = await docker.Swarm.CreateServiceAsync(new ServiceCreateParameters { Service = spec }, cancellationToken);
                logger.LogInformation("Created service {Service}", name);
                changes.Add(new(name, ServiceChangeKind.Created));
                watched.Add(new(name, created.ID ?? throw new StackDeployException($"creating service {name} returned no id"), hash, Changed: true));
            }
            else if (ServiceSpecBuilder.HashOf(current.Spec?.Labels) == hash)
            {
                changes.Add(new(name, ServiceChangeKind.Unchanged));
                watched.Add(new(name, current.ID, hash, Changed: false));
            }
            else
            {
                if (StopFirstUpdate.Applies(current, spec))
                    await stopFirst.StopRunningAsync(current, cancellationToken);
                await docker.Swarm.UpdateServiceAsync(current.ID, new ServiceUpdateParameters
                {
                    Service = spec,
                    Version = (long)(current.Version?.Index ?? 0),
                }, cancellationToken);
                logger.LogInformation("Updated service {Service}", name);
                changes.Add(new(name, ServiceChangeKind.Updated));
                watched.Add(new(name, current.ID, hash, Changed: true));
            }
        }

        var wanted = request.Project.Services.Keys.Select(k => $"{stack}_{k}").ToHashSet();
        foreach (var (name, service) in existing.Where(e => !wanted.Contains(e.Key)))
        {
            await docker.Swarm.RemoveServiceAsync(service.ID, cancellationToken);
            logger.LogInformation("Removed service {Service}, no longer in the compose files", name);
            changes.Add(new(name, ServiceChangeKind.Removed));
        }

        var (outcome, failures, polledUtc) = await watcher.WaitAsync(watched, startedUtc, request.ConvergeTimeout, request.MaxFailedTasks, progress, cancellationToken);
        var result = new StackDeployResult(stack, outcome, changes, failures, _time.GetElapsedTime(started)) { ConvergedAtUtc = polledUtc };
        if (result.Succeeded) logger.LogInformation("Deployed {Result}", result.ToString());
        else logger.LogError("Deploy failed: {Result}", result.ToString());
        return result;
    }
}
