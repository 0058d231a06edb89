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
    public DateTimeOffset? StartedAt { get; set; }
}
