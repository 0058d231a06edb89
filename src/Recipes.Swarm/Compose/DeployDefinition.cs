namespace Recipes.Swarm.Compose;

/// <summary>A service's <c>deploy:</c> section. <see cref="Labels"/> go on the Swarm service (Traefik and abra read them there).</summary>
public sealed record DeployDefinition(
    string Mode,
    ulong Replicas,
    IReadOnlyDictionary<string, string> Labels,
    RestartPolicyDefinition? RestartPolicy,
    UpdateConfigDefinition? UpdateConfig,
    UpdateConfigDefinition? RollbackConfig,
    ResourcesDefinition? Resources)
{
    public static DeployDefinition Default { get; } = new("replicated", 1, new Dictionary<string, string>(), null, null, null, null);

    /// <summary><c>deploy.placement</c>: where Swarm may run the tasks.</summary>
    public PlacementDefinition? Placement { get; init; }

    /// <summary><c>deploy.endpoint_mode</c>: <c>vip</c> (Swarm's default) or <c>dnsrr</c>.</summary>
    public string? EndpointMode { get; init; }
}

/// <summary>
/// <c>deploy.placement</c>: constraints (<c>node.role == manager</c>), spread preferences (<c>node.labels.zone</c>) and
/// <c>max_replicas_per_node</c>.
/// </summary>
public sealed record PlacementDefinition(IReadOnlyList<string> Constraints, IReadOnlyList<string> Spread, ulong? MaxReplicasPerNode);

/// <summary><c>deploy.restart_policy</c>: condition is none, on-failure or any.</summary>
public sealed record RestartPolicyDefinition(string? Condition, TimeSpan? Delay, ulong? MaxAttempts, TimeSpan? Window);

/// <summary><c>deploy.update_config</c> or <c>deploy.rollback_config</c>.</summary>
public sealed record UpdateConfigDefinition(
    ulong? Parallelism,
    TimeSpan? Delay,
    string? FailureAction,
    TimeSpan? Monitor,
    float? MaxFailureRatio,
    string? Order);

/// <summary><c>deploy.resources</c>.</summary>
public sealed record ResourcesDefinition(ResourceAmounts? Limits, ResourceAmounts? Reservations);

/// <summary>CPU count (fractional), memory in bytes and a process limit (limits only).</summary>
public sealed record ResourceAmounts(double? Cpus, long? MemoryBytes, long? Pids);
