namespace Workflows.Persistence.Data.Entities;

/// <summary>
/// The instance row: status, lease and timestamps as indexed columns, variables and execution state as JSON.
/// The journal is not here (see <see cref="ExecutionLogRecordEntity"/> and <see cref="ActivityExecutionRecordEntity"/>).
/// </summary>
public sealed class WorkflowInstanceEntity
{
    public required string Id { get; set; }
    public required string DefinitionId { get; set; }
    public required string DefinitionVersionId { get; set; }
    public int Version { get; set; }
    public string? Name { get; set; }
    public required string Status { get; set; }
    public required string SubStatus { get; set; }
    public string? CorrelationId { get; set; }
    public string? ParentInstanceId { get; set; }
    public required string InputJson { get; set; }
    public required string OutputJson { get; set; }
    public required string VariablesJson { get; set; }
    public required string ExecutionStateJson { get; set; }
    public required string IncidentsJson { get; set; }
    public int IncidentCount { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public DateTimeOffset? FinishedAt { get; set; }
    [WrittenOnInsertOnly]
    public string? LeaseOwner { get; set; }

    [WrittenOnInsertOnly]
    public DateTimeOffset? LeaseExpiresAt { get; set; }
}
