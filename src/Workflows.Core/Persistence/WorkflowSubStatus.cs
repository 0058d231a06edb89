namespace Workflows.Core.Persistence;

/// <summary>Elsa's instance sub-status. Pending, Executing and Suspended belong to Running; the rest to Finished.</summary>
public enum WorkflowSubStatus
{
    Pending,
    Executing,
    Suspended,
    Finished,
    Cancelled,
    Faulted,
}
