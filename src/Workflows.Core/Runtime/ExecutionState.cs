using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

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
    [JsonIgnore]
    public Dictionary<string, JsonObject> ActivityOutputs { get; private set; } = new(StringComparer.Ordinal);

    /// <summary>
    /// <see cref="ActivityOutputs"/> as stored: left out while empty, because this state is serialised at every commit
    /// and most flows never set an output (state written before it existed reads the same).
    /// </summary>
    [JsonPropertyName("activityOutputs"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public Dictionary<string, JsonObject>? StoredActivityOutputs
    {
        get => ActivityOutputs.Count == 0 ? null : ActivityOutputs;
        init => ActivityOutputs = value is null ? new(StringComparer.Ordinal) : new(value, StringComparer.Ordinal);
    }

    /// <summary>The last <c>Result</c> output any activity set (Elsa's <c>getLastResult</c>); not stored while null.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public JsonNode? LastResult { get; set; }

    /// <summary>Next journal sequence number.</summary>
    public long Sequence { get; set; }
}
