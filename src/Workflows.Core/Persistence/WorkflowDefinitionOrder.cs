namespace Workflows.Core.Persistence;

public enum WorkflowDefinitionOrder
{
    Name,
    Created,
    Version,
}
