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
    public DateTime ConvergedAtUtc { get; init; } = DateTime.UtcNow;

    public override string ToString() => Succeeded
        ? $"{Stack}: converged in {Duration.TotalSeconds:0.0}s"
        : $"{Stack}: {Outcome}: " + string.Join("; ", Failures);
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
/// Why a service failed: <see cref="Reason"/> in words, and from its last failed task the task error, the container's
/// exit code and the output of its failing healthcheck, when Docker still has them.
/// </summary>
public sealed record ServiceFailure(string Service, string Reason, string? TaskError, long? ExitCode, string? HealthcheckOutput)
{
    public override string ToString() =>
        $"service {Service}: {Reason}"
        + (TaskError is { Length: > 0 } ? $"; task error: {TaskError}" : "")
        + (ExitCode is { } code ? $"; exit code {code}" : "")
        + (HealthcheckOutput is { Length: > 0 } ? $"; healthcheck: {HealthcheckOutput.Trim()}" : "");
}
