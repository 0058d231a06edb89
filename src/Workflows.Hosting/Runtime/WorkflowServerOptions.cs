namespace Workflows.Hosting.Runtime;

/// <summary>Configuration section <c>Runtime</c> (plus <c>Workflows:Folder</c>): how this node runs instances.</summary>
public sealed record WorkflowServerOptions
{
    /// <summary>Owner name written into leases; distinct per node (nodes on one machine must set it).</summary>
    public string NodeId { get; init; } = Environment.MachineName;

    /// <summary>Instances this node runs at once (its worker slots; also the bus consumers' prefetch and concurrency).</summary>
    public int WorkerConcurrency { get; init; } = 8;

    /// <summary>How long a lease lasts without a heartbeat; crash recovery waits at most this long.</summary>
    public TimeSpan LeaseDuration { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>On shutdown, how long running activities may take to reach the end of their step.</summary>
    public TimeSpan ShutdownDeadline { get; init; } = TimeSpan.FromSeconds(20);

    /// <summary>
    /// The bus queue all nodes of this server take work from; servers sharing a broker need distinct names.
    /// </summary>
    public string QueueName { get; init; } = "recipeci-workflows";

    /// <summary>How many nodes share the database (a declaration, checked against the provider at start).</summary>
    public int Nodes { get; init; } = 1;

    /// <summary>Definition files imported and published at start; null when none should be imported.</summary>
    public string? WorkflowsFolder { get; init; }

    /// <summary>Registers the test-only activity types (<c>Testing.*</c>); never set in production.</summary>
    public bool TestActivities { get; init; }

    /// <summary>How often the recovery sweep looks for instances whose lease expired: a third of the lease.</summary>
    public TimeSpan SweepInterval => LeaseDuration / 3;

    /// <summary>How often the lease of a running instance is renewed.</summary>
    public TimeSpan HeartbeatInterval => LeaseDuration / 3;
}
