namespace RecipeCi.Bench;

/// <summary>Figures of a cluster benchmark: throughput from the first dispatch to the last committed Finished instance.</summary>
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
    IReadOnlyList<double> NodeRssMegabytes);
