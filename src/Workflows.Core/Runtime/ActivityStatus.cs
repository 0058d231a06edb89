namespace Workflows.Core.Runtime;

public enum ActivityStatus
{
    Scheduled,
    Running,
    Suspended,
    Completed,
    Faulted,
    Cancelled,
}
