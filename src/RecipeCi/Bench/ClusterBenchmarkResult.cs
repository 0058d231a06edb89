namespace RecipeCi.Bench;

/// <summary>
/// Figures of a cluster benchmark: throughput from the first dispatch to the last committed Finished instance, and the
/// server processes' CPU per activity (dispatch included), which load distorts less than throughput.
/// </summary>
public sealed record ClusterBenchmarkResult(
    int Nodes,
    string Transport,
    string Store,
    int Instances,
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
