using Docker.DotNet;
using Docker.DotNet.Models;
using Recipes.Swarm.Docker;

namespace Recipes.Swarm.Stacks;

/// <summary>
/// Judges a stack after its deploy converged, without waiting: a deploy of a healthchecked service returns while
/// Swarm's update monitor window may still be open, so Swarm can still roll the update back (or pause it, or restart a
/// task that ended) while the caller's health gate and tests run. Run this once they are done: a rollback, pause or
/// ended task by then fails the run. A service is unstable when, since <c>sinceUtc</c> (normally
/// <see cref="StackDeployResult.ConvergedAtUtc"/>), Swarm moved its <c>UpdateStatus</c> to rollback_started,
/// rollback_completed, paused or rollback_paused, or a task of its current spec ended (failed, rejected or completed);
/// or when it does not run its desired replicas on its current spec now. Older history is ignored, so a rollback
/// from an earlier deploy of an unchanged service does not count.
/// </summary>
public sealed class StackStabilityCheck(IDockerClient docker)
{
    private readonly TaskFailureReader failureReader = new(docker);

    public async Task<StackStability> CheckAsync(AppName app, DateTime sinceUtc, CancellationToken cancellationToken = default)
    {
        var stack = app.Value;
        var services = await docker.Swarm.ListServicesAsync(new ServiceListParameters { Filters = DockerFilters.Stack(stack) }, cancellationToken);
        if (services.Count == 0)
            return new StackStability(stack, false, [new ServiceFailure(stack, "no service of the stack is deployed", null, null, null)]);

        var failures = new List<ServiceFailure>();
        foreach (var service in services.OrderBy(s => s.Spec?.Name, StringComparer.Ordinal))
        {
            if (await CheckServiceAsync(service, sinceUtc.ToUniversalTime(), cancellationToken) is { } failure)
                failures.Add(failure);
        }
        return new StackStability(stack, failures.Count == 0, failures);
    }

    private async Task<ServiceFailure?> CheckServiceAsync(SwarmService service, DateTime sinceUtc, CancellationToken ct)
    {
        var name = service.Spec?.Name ?? service.ID;
        var tasks = await docker.Tasks.ListAsync(new TasksListParameters { Filters = DockerFilters.Of("service", service.ID) }, ct);
        var currentHash = ServiceSpecBuilder.HashOf(service.Spec?.Labels);
        var reasons = new List<string>();

        // The service object changes whenever Swarm moves its UpdateStatus: a state it reached before sinceUtc belongs
        // to an earlier deploy.
        if (service.UpdateStatus is { } update && (service.UpdatedAt ?? DateTime.MinValue).ToUniversalTime() >= sinceUtc
            && UpdateReason(update) is { } updateReason)
            reasons.Add(updateReason);

        // Any task that ended since (newest first) gives the details; only those of the current spec make it unstable
        // by themselves (after a rollback the deployed spec's tasks ended by Swarm's choice, reported above).
        var ended = tasks
            .Where(t => ServiceTasks.Ended(t) && (t.Status?.Timestamp ?? t.UpdatedAt ?? DateTime.MinValue).ToUniversalTime() >= sinceUtc)
            .OrderByDescending(t => t.Status?.Timestamp ?? t.UpdatedAt)
            .ToList();
        var endedOnCurrent = ended.Where(t => ServiceTasks.SpecHashOf(t) == currentHash).ToList();
        if (endedOnCurrent.Count > 0)
        {
            var states = string.Join(", ", endedOnCurrent.Select(t => $"{t.Status?.State}".ToLowerInvariant()).Distinct());
            reasons.Add($"{endedOnCurrent.Count} task{(endedOnCurrent.Count == 1 ? "" : "s")} ended since the deploy converged (task state {states})");
        }

        var desired = ServiceTasks.Desired(service, tasks);
        var running = ServiceTasks.RunningOn(tasks, currentHash).Count();
        if (running != desired)
            reasons.Add($"{running}/{desired} tasks running on its current spec");

        return reasons.Count == 0 ? null : await failureReader.ReadAsync(name, string.Join("; ", reasons), ended, ct);
    }

    private static string? UpdateReason(UpdateStatus update) => update.State switch
    {
        "rollback_started" => $"Swarm is rolling it back: {update.Message}",
        "rollback_completed" => $"rolled back by Swarm: {update.Message}",
        "paused" or "rollback_paused" => $"update {update.State.Replace('_', ' ')}: {update.Message}",
        _ => null,
    };
}
