using System.Text.Json.Nodes;

namespace Workflows.Core.Runtime;

/// <summary>A live activity instance in the persisted execution state. Completed instances are dropped.</summary>
public sealed class ActivityInstanceState
{
    public required string Id { get; init; }
    public required string NodeId { get; init; }
    public string? ParentId { get; init; }
    public ActivityStatus Status { get; set; } = ActivityStatus.Scheduled;

    /// <summary>The activity's durable state (flowchart counters, loop index...).</summary>
    public JsonObject Properties { get; init; } = [];

    /// <summary>Variable values visible only to this subtree (ParallelForEach iterations), by variable name.</summary>
    public JsonObject Locals { get; init; } = [];

    /// <summary>
    /// The input values bound when the activity last executed, by input name: a resumed activity gets exactly these
    /// back (in another process too), not the empty defaults of a fresh activity object.
    /// </summary>
    public JsonObject? Inputs { get; set; }

    public List<string> BookmarkIds { get; init; } = [];
    public int Attempt { get; set; }

    /// <summary>
    /// True in the state committed just before the step's body runs, false in every commit after it returned: found
    /// true when a worker picks the step up again, the attempt before never finished (its process went down).
    /// </summary>
    public bool InFlight { get; set; }

    /// <summary>How many attempts of this step never finished; at the poison threshold the instance faults instead.</summary>
    public int UnfinishedAttempts { get; set; }
    public DateTimeOffset? StartedAt { get; set; }
}
