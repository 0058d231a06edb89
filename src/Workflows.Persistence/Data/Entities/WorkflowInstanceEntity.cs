using Microsoft.EntityFrameworkCore;

namespace Workflows.Persistence.Data.Entities;

/// <summary>
/// The instance row: status, lease and timestamps as indexed columns, variables and execution state as JSON.
/// The journal is not here (see <see cref="ExecutionLogRecordEntity"/> and <see cref="ActivityExecutionRecordEntity"/>).
/// </summary>
// Listings filter by status / definition and order by a timestamp; retention scans (Status, FinishedAt).
// Nothing indexes UpdatedAt (or another column written at every step): then a step's UPDATE touches no index
// and PostgreSQL can make it a HOT update (see PostgresWorkflowsDbContext); listings ordered by UpdatedAt sort
// the rows their filter selects.
[Index(nameof(Status), nameof(FinishedAt))]
[Index(nameof(DefinitionId))]
[Index(nameof(DefinitionVersionId))]
[Index(nameof(CreatedAt))]
[Index(nameof(CorrelationId))]
[Index(nameof(ParentInstanceId))]
// The recovery sweep looks for Running instances whose lease expired (written at lease renewals, not per step).
[Index(nameof(Status), nameof(LeaseExpiresAt))]
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
