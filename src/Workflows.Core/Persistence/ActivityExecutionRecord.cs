namespace Workflows.Core.Persistence;

/// <summary>One execution of one activity (Elsa's ActivityExecutionRecord). Upserted by <see cref="Id"/>.</summary>
public sealed record ActivityExecutionRecord
{
    /// <summary>The activity instance id.</summary>
    public required string Id { get; init; }

    public required string WorkflowInstanceId { get; init; }
    public required string ActivityId { get; init; }
    public required string ActivityNodeId { get; init; }
    public required string ActivityType { get; init; }
    public int ActivityTypeVersion { get; init; } = 1;
    public string? ActivityName { get; init; }

    /// <summary>Running, Completed, Suspended, Faulted or Cancelled.</summary>
    public required string Status { get; init; }

    /// <summary>JSON array of the outcomes the activity completed with.</summary>
    public string? OutcomesJson { get; init; }

    /// <summary>JSON object of the evaluated inputs.</summary>
    public string? InputsJson { get; init; }

    /// <summary>JSON object of the outputs.</summary>
    public string? OutputsJson { get; init; }

    public string? Exception { get; init; }
    public bool HasBookmarks { get; init; }
    public required DateTimeOffset StartedAt { get; init; }
    public DateTimeOffset? CompletedAt { get; init; }
}
