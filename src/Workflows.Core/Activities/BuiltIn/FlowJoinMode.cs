namespace Workflows.Core.Activities.BuiltIn;

public enum FlowJoinMode
{
    WaitAny,
    WaitAll,
}
