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

    /// <summary>
    /// The outputs of activities that ran, by activity id, last value wins: expressions read them later with
    /// <c>getOutputFrom</c> (JavaScript) or <c>Output.From</c> (C#), as Elsa keeps them in its memory register.
    /// </summary>
    public Dictionary<string, System.Text.Json.Nodes.JsonObject> ActivityOutputs { get; init; } = new(StringComparer.Ordinal);

    /// <summary>The last <c>Result</c> output any activity set (Elsa's <c>getLastResult</c>).</summary>
    public System.Text.Json.Nodes.JsonNode? LastResult { get; set; }

    /// <summary>Next journal sequence number.</summary>
    public long Sequence { get; set; }
}
