namespace Recipes.Swarm.Compose;

/// <summary>
/// The container-level keys of a service that <c>docker stack deploy</c> carries into the Swarm container spec:
/// <c>read_only</c>, <c>init</c>, <c>user</c>, <c>working_dir</c>, <c>hostname</c>, <c>stop_signal</c>,
/// <c>stop_grace_period</c>, <c>cap_add</c>/<c>cap_drop</c>, <c>sysctls</c>, <c>ulimits</c>, <c>extra_hosts</c>,
/// <c>tmpfs</c> and <c>logging</c>. Null or empty: Docker's default.
/// </summary>
public sealed record ContainerOptions(
    bool? ReadOnly,
    bool? Init,
    string? User,
    string? WorkingDir,
    string? Hostname,
    string? StopSignal,
    TimeSpan? StopGracePeriod,
    IReadOnlyList<string> CapAdd,
    IReadOnlyList<string> CapDrop,
    IReadOnlyDictionary<string, string> Sysctls,
    IReadOnlyList<UlimitDefinition> Ulimits,
    IReadOnlyList<ExtraHost> ExtraHosts,
    IReadOnlyList<TmpfsDefinition> Tmpfs,
    LoggingDefinition? Logging)
{
    public static ContainerOptions None { get; } = new(null, null, null, null, null, null, null, [], [], new Dictionary<string, string>(), [], [], [], null);
}

/// <summary>One entry of <c>ulimits:</c>: <c>nofile: 1024</c> sets both limits, <c>{soft, hard}</c> each.</summary>
public sealed record UlimitDefinition(string Name, long Soft, long Hard);

/// <summary>One entry of <c>extra_hosts:</c>: a line for the task's <c>/etc/hosts</c>.</summary>
public sealed record ExtraHost(string Host, string Address);

/// <summary>One path of <c>tmpfs:</c> (<c>/run</c> or <c>/run:size=64m,mode=1777</c>), mounted as a Swarm tmpfs mount.</summary>
public sealed record TmpfsDefinition(string Target, long? SizeBytes, uint? Mode);

/// <summary><c>logging:</c>: the task's log driver and its options.</summary>
public sealed record LoggingDefinition(string? Driver, IReadOnlyDictionary<string, string> Options);
