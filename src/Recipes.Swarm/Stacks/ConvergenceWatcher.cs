using Docker.DotNet;
using Docker.DotNet.Models;
using Microsoft.Extensions.Logging;
using Recipes.Swarm.Polling;

namespace Recipes.Swarm.Stacks;

/// <summary>A service the watcher waits for: its id, the spec hash just deployed, and whether this deploy changed it.</summary>
public sealed record WatchedService(string Name, string Id, string SpecHash, bool Changed);

/// <summary>
/// Polls the engine until every service runs its desired replicas on the spec just deployed, each task settled, and no
/// task meant to run is still starting. A task of a service whose spec has a healthcheck is settled as soon as Swarm
/// reports it running: Swarm does so only once a probe passed, and the healthcheck is the recipe's own stability
/// signal. A task of a service without one shows running at once and may exit a moment later, so it is settled only
/// once it has run for the update monitor period (default 5 s) without ending, as Swarm's own update monitor judges.
/// Convergence does not wait for Swarm's <c>UpdateStatus</c> to leave "updating": that takes update_config.delay plus
/// monitor after the new task is already up, and <see cref="StackStabilityCheck"/> covers what Swarm decides in that
/// window (callers run it after their health gate and tests).
/// Fails early, naming the service and the task error, on: Swarm's automatic rollback (<c>UpdateStatus</c>
/// rollback_started -> rollback_completed), a paused update, <see cref="StackDeployRequest.MaxFailedTasks"/> ended
/// tasks (a restart loop, failed or completed), or a task that ended and that the restart policy does not restart (a
/// completed task under on-failure). These are checked before convergence.
/// </summary>
public sealed class ConvergenceWatcher(IDockerClient docker, ILogger<ConvergenceWatcher> logger, TimeProvider? time = null)
{
    private readonly TimeProvider _time = time ?? TimeProvider.System;
    private readonly DeadlinePoll _poll = new(time ?? TimeProvider.System);

    /// <summary>
    /// Two requests per service per tick: at 100 ms a three-service stack costs dockerd little (see the README), and
    /// a deploy notices its service up within a tenth of a second.
    /// </summary>
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(100);

    /// <summary>Swarm's default update monitor period, used when the service sets none.</summary>
    private static readonly TimeSpan DefaultSettle = TimeSpan.FromSeconds(5);

    private readonly TaskFailureReader failureReader = new(docker);

    /// <summary>
    /// Waits for the services to converge or fail. <c>PolledUtc</c> is when the deciding poll began: for a converged
    /// deploy, what a later <see cref="StackStabilityCheck"/> judges from.
    /// </summary>
    public async Task<(DeployOutcome Outcome, IReadOnlyList<ServiceFailure> Failures, DateTime PolledUtc)> WaitAsync(
        IReadOnlyList<WatchedService> services,
        DateTime startedUtc,
        TimeSpan timeout,
        int maxFailedTasks,
        IProgress<DeployProgress>? progress,
        CancellationToken cancellationToken)
    {
        var last = new Dictionary<string, DeployProgress>();
        var deadline = _time.GetUtcNow() + timeout;
        var round = await _poll.UntilAsync(
            async ct => await PollAsync(services, startedUtc, maxFailedTasks, last, progress, ct),
            r => r.Outcome is not null, PollInterval, deadline, $"Waiting for {services.Count} services to converge", cancellationToken);
        if (round.Outcome is { } outcome)
            return (outcome, round.Statuses.Where(s => s.Failure is not null).Select(s => s.Failure!).ToList(), round.PolledUtc);

        var stuck = new List<ServiceFailure>();
        foreach (var (service, state, _) in round.Statuses.Where(s => s.Progress.State != ServiceState.Running))
        {
            var reason = $"did not converge within {timeout}: {state.State}, {state.Running}/{state.Desired} running" + (state.Message is { } m ? $", {m}" : "");
            stuck.Add(await failureReader.ReadNewestAsync(service.Name, service.Id, reason, cancellationToken));
        }
        return (DeployOutcome.TimedOut, stuck, round.PolledUtc);
    }

    /// <summary>One poll of every service: each state change is logged and reported; the outcome is null while undecided.</summary>
    private async Task<Round> PollAsync(
        IReadOnlyList<WatchedService> services, DateTime startedUtc, int maxFailedTasks,
        Dictionary<string, DeployProgress> last, IProgress<DeployProgress>? progress, CancellationToken cancellationToken)
    {
        var polledUtc = _time.GetUtcNow().UtcDateTime;
        var statuses = new List<(WatchedService Service, DeployProgress Progress, ServiceFailure? Failure)>();
        foreach (var service in services)
            statuses.Add(await CheckAsync(service, startedUtc, maxFailedTasks, cancellationToken));

        foreach (var (service, state, _) in statuses)
        {
            if (last.TryGetValue(service.Name, out var previous) && previous == state) continue;
            last[service.Name] = state;
            logger.LogInformation("Service {Service}: {State} ({Running}/{Desired}) {Message}", state.Service, state.State, state.Running, state.Desired, state.Message);
            progress?.Report(state);
        }

        DeployOutcome? outcome =
            statuses.Any(s => s.Progress.State == ServiceState.RolledBack) ? DeployOutcome.RolledBack
            : statuses.Any(s => s.Failure is not null) ? DeployOutcome.Failed
            : statuses.All(s => s.Progress.State == ServiceState.Running) ? DeployOutcome.Converged
            : null;
        return new Round(statuses, polledUtc, outcome);
    }

    private sealed record Round(
        IReadOnlyList<(WatchedService Service, DeployProgress Progress, ServiceFailure? Failure)> Statuses, DateTime PolledUtc, DeployOutcome? Outcome);

    private async Task<(WatchedService, DeployProgress, ServiceFailure?)> CheckAsync(
        WatchedService watched, DateTime startedUtc, int maxFailedTasks, CancellationToken ct)
    {
        var service = await docker.Swarm.InspectServiceAsync(watched.Id, ct);
        var tasks = await docker.Tasks.ListAsync(new TasksListParameters { Filters = DockerFilters.Of("service", watched.Id) }, ct);
        var currentHash = ServiceSpecBuilder.HashOf(service.Spec?.Labels);
        var desired = ServiceTasks.Desired(service, tasks);
        var running = ServiceTasks.RunningOn(tasks, currentHash).ToList();
        // Tasks of the spec we deployed that ended during this deploy; older history is not this deploy's problem.
        // A task that completed (exit 0) ended too: a replicated service is meant to keep running.
        var exited = tasks
            .Where(t => ServiceTasks.Ended(t) && ServiceTasks.SpecHashOf(t) == watched.SpecHash
                        && (t.CreatedAt ?? DateTime.MinValue) >= startedUtc)
            .OrderByDescending(t => t.Status?.Timestamp ?? t.UpdatedAt)
            .ToList();
        var update = watched.Changed ? service.UpdateStatus : null;
        var name = watched.Name;

        switch (update?.State)
        {
            case "rollback_completed":
                return (watched, new(name, ServiceState.RolledBack, running.Count, desired, update.Message),
                    await failureReader.ReadAsync(name, $"rolled back by Swarm: {update.Message}", exited, ct));
            case "rollback_paused":
            case "paused":
                return (watched, new(name, ServiceState.Failed, running.Count, desired, update.Message),
                    await failureReader.ReadAsync(name, $"update {update.State.Replace('_', ' ')}: {update.Message}", exited, ct));
            case "rollback_started":
                // Wait for Swarm to finish restoring the previous spec, so the stack is left in a known state.
                return (watched, new(name, ServiceState.RollingBack, running.Count, desired, update.Message), null);
        }

        // A rolling update with failure_action rollback decides itself; counting failed tasks would pre-empt it.
        var updating = update?.State == "updating";
        var swarmDecides = updating && service.Spec?.UpdateConfig?.FailureAction == "rollback";
        var restartCondition = service.Spec?.TaskTemplate?.RestartPolicy?.Condition ?? "any";
        if (!swarmDecides && ExitReason(exited, restartCondition, maxFailedTasks) is { } reason)
            return (watched, new(name, ServiceState.Failed, running.Count, desired, reason), await failureReader.ReadAsync(name, reason, exited, ct));

        // With a healthcheck, running means a probe passed: settled at once. Without one, a task that is running now may
        // complete a moment later (a command that exits at once): as Swarm's own update monitor does, it counts as
        // settled only once it has run for the monitor period without ending.
        var healthchecked = ServiceTasks.HasHealthcheck(service);
        var settle = healthchecked ? TimeSpan.Zero
            : service.Spec?.UpdateConfig?.Monitor is { } monitor && monitor > TimeSpan.Zero ? monitor : DefaultSettle;
        var settledBefore = _time.GetUtcNow().UtcDateTime - settle;
        var settled = healthchecked ? running.Count
            : running.Count(t => (t.Status?.Timestamp ?? DateTime.MaxValue).ToUniversalTime() <= settledBefore);
        var onCurrentSpec = currentHash == watched.SpecHash;
        var extra = tasks.Count(t => t.DesiredState == TaskState.Running && t.Status?.State != TaskState.Running);
        if (onCurrentSpec && running.Count == desired && settled == desired && extra == 0)
            return (watched, new(name, ServiceState.Running, running.Count, desired, null), null);
        var message = exited.FirstOrDefault()?.Status?.Err
            ?? (running.Count == desired && settled < desired ? $"running, settling for {settle.TotalSeconds:0.#}s" : null)
            ?? tasks.Where(t => t.DesiredState == TaskState.Running).Select(t => t.Status?.Message).FirstOrDefault();
        return (watched, new(name, updating ? ServiceState.Updating : ServiceState.Starting, running.Count, desired, message), null);
    }

    /// <summary>
    /// Why the ended tasks make the deploy fail, or null while Swarm may still bring the service up. Under
    /// restart_policy <c>any</c> (Swarm's default) a completed task is restarted, so completions count like failures
    /// towards the restart-loop limit; under <c>on-failure</c> a completed task is never restarted and under
    /// <c>none</c> no ended task is, so one is enough: waiting for the timeout would only delay the same answer.
    /// </summary>
    private static string? ExitReason(IReadOnlyList<TaskResponse> exited, string restartCondition, int maxFailedTasks)
    {
        if (exited.Count == 0) return null;
        var completed = exited.Count(t => t.Status?.State == TaskState.Complete);
        if (exited.Count >= maxFailedTasks)
        {
            return completed == exited.Count
                ? $"{completed} tasks completed (task state complete, exit code 0) and were restarted (restart loop); a replicated service must keep running"
                : $"{exited.Count} failed tasks (restart loop)" + (completed > 0 ? $", {completed} of them completed (exit code 0)" : "");
        }
        return (restartCondition, completed > 0) switch
        {
            ("none", false) => "its task failed and it is not restarted",
            ("none" or "on-failure", true) =>
                $"its task completed (task state complete, exit code 0) and restart_policy {restartCondition} does not restart it; a replicated service must keep running",
            _ => null,
        };
    }
}
