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

    /// <summary>
    /// Creates the instance already leased to this owner until <see cref="LeaseExpiresAt"/>: a host that runs it at
    /// once (an HTTP trigger) saves the lease's own write, and nobody else can take a fresh instance over meanwhile.
    /// </summary>
    public string? LeaseOwner { get; init; }

    /// <summary>The end of the lease given with <see cref="LeaseOwner"/>.</summary>
    public DateTimeOffset? LeaseExpiresAt { get; init; }
}
