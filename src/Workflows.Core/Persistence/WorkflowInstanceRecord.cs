namespace Workflows.Core.Persistence;

/// <summary>
/// The persisted row of one workflow instance. The execution state is a JSON blob that holds what is needed to
/// resume in another process (scheduler, flowchart counters); the journal is never part of it.
/// </summary>
public sealed record WorkflowInstanceRecord
{
    public required string Id { get; init; }
    public required string DefinitionId { get; init; }

    /// <summary>The definition version the instance is pinned to.</summary>
    public required string DefinitionVersionId { get; init; }

    public required int Version { get; init; }
    public string? Name { get; init; }
    public required WorkflowStatus Status { get; init; }
    public required WorkflowSubStatus SubStatus { get; init; }
    public string? CorrelationId { get; init; }

    /// <summary>The instance that dispatched this one, if any.</summary>
    public string? ParentInstanceId { get; init; }

    /// <summary>JSON object of workflow inputs.</summary>
    public string InputJson { get; init; } = "{}";

    /// <summary>JSON object of workflow outputs.</summary>
    public string OutputJson { get; init; } = "{}";

    /// <summary>JSON object of variable values by variable name.</summary>
    public string VariablesJson { get; init; } = "{}";

    /// <summary>Serialized execution state (see Runtime.ExecutionState).</summary>
    public string ExecutionStateJson { get; init; } = "{}";

    /// <summary>JSON array of incidents.</summary>
    public string IncidentsJson { get; init; } = "[]";

    /// <summary>Kept next to <see cref="IncidentsJson"/> so stores can filter on "has incidents" without parsing.</summary>
    public int IncidentCount { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }
    public required DateTimeOffset UpdatedAt { get; init; }
    public DateTimeOffset? FinishedAt { get; init; }

    /// <summary>The worker currently running the instance; null when nobody holds it.</summary>
    public string? LeaseOwner { get; init; }

    /// <summary>After this moment another worker may take the instance over (crash recovery).</summary>
    public DateTimeOffset? LeaseExpiresAt { get; init; }
}
