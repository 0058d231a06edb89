namespace Workflows.Core.Runtime;

/// <summary>
/// Everything needed to continue an instance in another process: live activity instances (with their
/// counters) and the scheduler queue. Stored as the instance's execution-state JSON; the journal is not here.
/// </summary>
public sealed class ExecutionState
{
    public Dictionary<string, ActivityInstanceState> Activities { get; init; } = new(StringComparer.Ordinal);
    public List<WorkItem> Queue { get; init; } = [];
    public string? RootInstanceId { get; set; }
    public bool RootCompleted { get; set; }

    /// <summary>An activity reported a fault it handled (<see cref="ActivityContext.ReportFault"/>): the instance ends Faulted.</summary>
    public bool FaultReported { get; set; }

    /// <summary>Next journal sequence number.</summary>
    public long Sequence { get; set; }
}
