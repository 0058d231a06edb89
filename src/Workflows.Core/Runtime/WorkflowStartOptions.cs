using System.Text.Json.Nodes;

namespace Workflows.Core.Runtime;

/// <summary>How to start an instance.</summary>
public sealed record WorkflowStartOptions
{
    public JsonObject Input { get; init; } = [];
    public string? CorrelationId { get; init; }

    /// <summary>Use a given id (e.g. one already handed out by an API); a new one otherwise.</summary>
    public string? InstanceId { get; init; }

    public string? ParentInstanceId { get; init; }

    /// <summary>The trigger activity that starts the instance; the flowchart's start activity otherwise.</summary>
    public string? TriggerActivityId { get; init; }
}
