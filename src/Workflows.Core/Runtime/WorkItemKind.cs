namespace Workflows.Core.Runtime;

public enum WorkItemKind
{
    Execute,
    Resume,
}
