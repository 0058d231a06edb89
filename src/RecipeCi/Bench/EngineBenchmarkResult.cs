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
    double ManagedHeapAt100PercentMegabytes);
