namespace Workflows.Hosting.Triggers.Scheduling;

/// <summary>
/// Configuration section <c>Scheduler</c>: how Cron and Timer triggers are scheduled. On SQLite the schedule lives in
/// memory (one node); on PostgreSQL it lives in the <c>qrtz_*</c> tables and the nodes form a Quartz cluster.
/// </summary>
public sealed record SchedulerOptions
{
    /// <summary>PostgreSQL connection string of the clustered store; null selects the in-memory store.</summary>
    public string? ClusterConnectionString { get; init; }

    /// <summary>Quartz scheduler name: nodes with the same name on one database form one cluster.</summary>
    public string SchedulerName { get; init; } = "recipeci";

    /// <summary>This node's Quartz instance id; generated (host name + ticks) when null.</summary>
    public string? InstanceId { get; init; }

    /// <summary>How often the schedule is re-synced from the published definitions' triggers.</summary>
    public TimeSpan ReconcileInterval { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>How late a firing may start before it counts as missed and the misfire policy applies.</summary>
    public TimeSpan MisfireThreshold { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How often a clustered node records that it is alive.</summary>
    public TimeSpan CheckinInterval { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>How long past a missed check-in the other nodes wait before taking over a node's firings.</summary>
    public TimeSpan CheckinMisfireThreshold { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Firings run at once on this node.</summary>
    public int MaxConcurrency { get; init; } = 4;

    public bool Clustered => ClusterConnectionString is not null;
}
