namespace RecipeCi.Bench;

/// <summary>The figures of one benchmark run (printed as a table or, with <c>--json</c>, as this object).</summary>
public sealed record EngineBenchmarkResult(
    string Store,
    int Instances,
    int ActivitiesPerInstance,
    int Parallelism,
    int WarmupInstances,
    int FailedInstances,
    double ElapsedSeconds,
    double WorkflowsPerSecond,
    double ActivityExecutionsPerSecond,
    double OverheadP50Milliseconds,
    double OverheadP99Milliseconds,
    double ActivityWorkMillisecondsPerActivity,
    double ProcessCpuMillisecondsPerActivity,
    double MachineLoadAverage,
    double RssAt10PercentMegabytes,
    double RssAt100PercentMegabytes,
    double RssGrowthPercent,
    double ManagedHeapAt10PercentMegabytes,
    double ManagedHeapAt100PercentMegabytes,
    GroupCommitFigures GroupCommits,
    NpgsqlReferenceResult? NpgsqlReference = null,
    double? RatioToNpgsqlReference = null);

/// <summary>
/// Group commit during the measured run (PostgreSQL): commits per group, milliseconds per group flush, and the share of
/// the run the flush loop was busy (one flush at a time: near 100% means commits wait for the database).
/// </summary>
public sealed record GroupCommitFigures(long Groups, double AverageGroupSize, double AverageFlushMilliseconds, double FlushBusyPercent);
