namespace RecipeCi.Bench;

/// <summary>
/// Figures of a cluster benchmark: throughput from the first measured dispatch to the last committed Finished instance,
/// and the server processes' CPU per activity (dispatch included), which load distorts less than throughput. The
/// warm-up instances ran to the end before the measurement started and are in none of the figures.
/// </summary>
public sealed record ClusterBenchmarkResult(
    int Nodes,
    string Transport,
    string Store,
    int Instances,
    int WarmupInstances,
    int ActivitiesPerInstance,
    int FinishedInstances,
    int FaultedInstances,
    double DispatchSeconds,
    double ElapsedSeconds,
    double WorkflowsPerSecond,
    double ActivityExecutionsPerSecond,
    IReadOnlyList<double> NodeRssMegabytes,
    double ServerCpuMillisecondsPerActivity,
    double MachineLoadAverage);
