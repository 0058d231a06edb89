using Docker.DotNet;
using Docker.DotNet.Models;

namespace Recipes.Swarm.Stacks;

/// <summary>
/// Builds a <see cref="ServiceFailure"/> from a reason and the service's ended tasks: the newest task's error and exit
/// code, and its container's last healthcheck output while Docker still keeps that container.
/// </summary>
public sealed class TaskFailureReader(IDockerClient docker)
{
    public async Task<ServiceFailure> ReadAsync(string service, string reason, IReadOnlyList<TaskResponse> endedTasks, CancellationToken ct)
    {
        var task = endedTasks.FirstOrDefault();
        var status = task?.Status;
        return new ServiceFailure(service, reason, status?.Err ?? status?.Message, status?.ContainerStatus?.ContainerID is { Length: > 0 } ? status.ContainerStatus.ExitCode : null,
            await HealthcheckOutputAsync(status?.ContainerStatus?.ContainerID, ct));
    }

    private async Task<string?> HealthcheckOutputAsync(string? containerId, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(containerId)) return null;
        try
        {
            var container = await docker.Containers.InspectContainerAsync(containerId, ct);
            // The newest probe may have been cut short by the container's stop (exit 137, no output); prefer the newest that said something.
            var log = container.State?.Health?.Log ?? [];
            var probe = log.LastOrDefault(p => p.ExitCode != 0 && !string.IsNullOrWhiteSpace(p.Output)) ?? log.LastOrDefault();
            return probe is null ? null : $"exit {probe.ExitCode}: {probe.Output}";
        }
        catch (DockerContainerNotFoundException)
        {
            return null;
        }
        catch (DockerApiException ex) when (ex.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
            return null;
        }
    }
}
