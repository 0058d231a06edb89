using Docker.DotNet;
using Docker.DotNet.Models;

namespace Recipes.Swarm.Stacks;

/// <summary>
/// Builds a <see cref="ServiceFailure"/> from a reason and the service's tasks: the newest task's state, error and
/// exit code, and, while Docker still keeps its container, the last <see cref="ContainerOutput.TailLines"/> lines it
/// printed and its last healthcheck output.
/// </summary>
public sealed class TaskFailureReader(IDockerClient docker)
{
    private readonly ContainerOutput output = new(docker);

    /// <summary>From the ended tasks, newest first (a failed or restarting service).</summary>
    public Task<ServiceFailure> ReadAsync(string service, string reason, IReadOnlyList<TaskResponse> endedTasks, CancellationToken ct) =>
        DescribeAsync(service, reason, endedTasks.FirstOrDefault(), ct);

    /// <summary>From the service's newest task, whatever its state (a service that never converged).</summary>
    public async Task<ServiceFailure> ReadNewestAsync(string service, string serviceId, string reason, CancellationToken ct)
    {
        var tasks = await docker.Tasks.ListAsync(new TasksListParameters { Filters = DockerFilters.Of("service", serviceId) }, ct);
        var newest = tasks.OrderByDescending(t => t.Status?.Timestamp ?? t.CreatedAt ?? DateTime.MinValue).FirstOrDefault();
        return await DescribeAsync(service, reason, newest, ct);
    }

    private async Task<ServiceFailure> DescribeAsync(string service, string reason, TaskResponse? task, CancellationToken ct)
    {
        var status = task?.Status;
        var containerId = status?.ContainerStatus?.ContainerID is { Length: > 0 } id ? id : null;
        return new ServiceFailure(service, reason, status?.Err ?? status?.Message, containerId is null ? null : status!.ContainerStatus!.ExitCode,
            await HealthcheckOutputAsync(containerId, ct))
        {
            TaskState = status?.State is { } state ? state.ToString()?.ToLowerInvariant() : null,
            OutputTail = await output.TailAsync(containerId, ct),
        };
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
