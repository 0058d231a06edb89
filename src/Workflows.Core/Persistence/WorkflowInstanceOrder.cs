namespace Workflows.Core.Persistence;

public enum WorkflowInstanceOrder
{
    CreatedAt,
    UpdatedAt,
    FinishedAt,
    Name,
}
