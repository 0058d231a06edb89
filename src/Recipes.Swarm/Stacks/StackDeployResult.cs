namespace Recipes.Swarm.Stacks;

/// <summary>
/// How a deploy ended. Only <see cref="DeployOutcome.Converged"/> is a success: an automatic rollback is a failure
/// even though Swarm itself reports nothing wrong (docker/cli#6752).
/// </summary>
public sealed record StackDeployResult(
    string Stack,
    DeployOutcome Outcome,
    IReadOnlyList<ServiceChange> Changes,
    IReadOnlyList<ServiceFailure> Failures,
    TimeSpan Duration)
{
    public bool Succeeded => Outcome == DeployOutcome.Converged;

    /// <summary>
    /// When the watcher's deciding poll began (UTC): for a converged deploy, the moment it was seen converged, which
    /// <see cref="IStackDeployer.CheckStabilityAsync"/> judges from.
    /// </summary>
    public required DateTime ConvergedAtUtc { get; init; }

    public override string ToString() => Succeeded
        ? $"{Stack}: converged in {Duration.TotalSeconds:0.0}s"
        : $"{Stack}: {Outcome}: " + string.Join(Failures.Any(f => f.OutputTail.Count > 0) ? "\n" : "; ", Failures);
}

public enum DeployOutcome
{
    Converged,
    Failed,
    RolledBack,
    TimedOut,
}

/// <summary>What the deploy did to one service.</summary>
public sealed record ServiceChange(string Service, ServiceChangeKind Kind);

public enum ServiceChangeKind
{
    Created,
    Updated,
    Unchanged,
    Removed,
}

/// <summary>
/// Why a service failed: <see cref="Reason"/> in words, and from its last failed task (its newest, when it never
/// converged) the task state and error, the container's exit code, the output of its failing healthcheck and the last
/// lines the container printed, when Docker still has them.
/// </summary>
public sealed record ServiceFailure(string Service, string Reason, string? TaskError, long? ExitCode, string? HealthcheckOutput)
{
    /// <summary>The task's state as Docker names it (failed, complete, rejected, pending, running, ...).</summary>
    public string? TaskState { get; init; }

    /// <summary>The last lines (at most <see cref="ContainerOutput.TailLines"/>) of the task's container output, oldest first.</summary>
    public IReadOnlyList<string> OutputTail { get; init; } = [];

    /// <summary>One line: service, reason, task state and error, exit code, healthcheck.</summary>
    public string Summary =>
        $"service {Service}: {Reason}"
        + (TaskState is { Length: > 0 } ? $"; task state {TaskState}" : "")
        + (TaskError is { Length: > 0 } ? $"; task error: {TaskError}" : "")
        + (ExitCode is { } code ? $"; exit code {code}" : "")
        + (HealthcheckOutput is { Length: > 0 } ? $"; healthcheck: {HealthcheckOutput.Trim()}" : "");

    /// <summary><see cref="Summary"/>, then the container's last lines, indented, one per line.</summary>
    public override string ToString() => OutputTail.Count == 0
        ? Summary
        : $"{Summary}\n  last {OutputTail.Count} lines of its output:\n" + string.Join("\n", OutputTail.Select(l => "    " + l));
}
