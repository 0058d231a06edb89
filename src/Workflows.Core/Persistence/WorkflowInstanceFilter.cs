namespace Workflows.Core.Persistence;

/// <summary>Filters for instance queries; null members do not filter. All set members must match.</summary>
public sealed record WorkflowInstanceFilter
{
    public IReadOnlyCollection<string>? Ids { get; init; }
    public string? DefinitionId { get; init; }

    /// <summary>Any of these definitions (Studio's workflow filter).</summary>
    public IReadOnlyCollection<string>? DefinitionIds { get; init; }

    /// <summary>Finished after this moment.</summary>
    public DateTimeOffset? FinishedAfter { get; init; }
    public string? DefinitionVersionId { get; init; }
    public int? Version { get; init; }
    public string? CorrelationId { get; init; }
    public string? ParentInstanceId { get; init; }

    /// <summary>Case-insensitive substring of name, id or correlation id.</summary>
    public string? SearchTerm { get; init; }

    public IReadOnlyCollection<WorkflowStatus>? Statuses { get; init; }
    public IReadOnlyCollection<WorkflowSubStatus>? SubStatuses { get; init; }
    public bool? HasIncidents { get; init; }
    public DateTimeOffset? CreatedAfter { get; init; }
    public DateTimeOffset? CreatedBefore { get; init; }
    public DateTimeOffset? FinishedBefore { get; init; }

    /// <summary>Running instances whose lease is absent or expired before this moment (crash recovery).</summary>
    public DateTimeOffset? LeaseExpiredBefore { get; init; }

    public WorkflowInstanceOrder OrderBy { get; init; } = WorkflowInstanceOrder.CreatedAt;
    public bool Descending { get; init; } = true;
}
