namespace Workflows.Core.Persistence;

/// <summary>Elsa's coarse instance status: Running until the instance reaches a final sub-status.</summary>
public enum WorkflowStatus
{
    Running,
    Finished,
}
