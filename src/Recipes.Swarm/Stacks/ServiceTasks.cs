using Docker.DotNet.Models;

namespace Recipes.Swarm.Stacks;

/// <summary>What the convergence watcher and the stability check read alike from a service and its tasks.</summary>
internal static class ServiceTasks
{
    /// <summary>
    /// True when the service spec carries a healthcheck of its own (not empty, which inherits the image's, and not
    /// <c>["NONE"]</c>, which disables it). Swarm reports such a task running only once a probe passed.
    /// </summary>
    public static bool HasHealthcheck(SwarmService service) =>
        service.Spec?.TaskTemplate?.ContainerSpec?.Healthcheck?.Test is { Count: > 0 } test
        && !(test.Count == 1 && string.Equals(test[0], "NONE", StringComparison.OrdinalIgnoreCase));

    /// <summary>The replicas the service wants: its replica count, or for a global service the tasks meant to run.</summary>
    public static int Desired(SwarmService service, IEnumerable<TaskResponse> tasks) =>
        (int)(service.Spec?.Mode?.Replicated?.Replicas ?? (ulong)tasks.Count(t => t.DesiredState == TaskState.Running));

    /// <summary>The spec hash a task runs (from its container labels).</summary>
    public static string? SpecHashOf(TaskResponse task) => ServiceSpecBuilder.HashOf(task.Spec?.ContainerSpec?.Labels);

    /// <summary>Tasks meant to run, running the spec with the given hash.</summary>
    public static IEnumerable<TaskResponse> RunningOn(IEnumerable<TaskResponse> tasks, string? specHash) =>
        tasks.Where(t => t.DesiredState == TaskState.Running && t.Status?.State == TaskState.Running && SpecHashOf(t) == specHash);

    /// <summary>A task that ended: failed, rejected, or completed (exit 0, still an end for a service meant to keep running).</summary>
    public static bool Ended(TaskResponse task) => task.Status?.State is TaskState.Failed or TaskState.Rejected or TaskState.Complete;
}
