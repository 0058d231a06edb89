namespace Workflows.Core.Activities.BuiltIn;

/// <summary>When a Fork completes: once every branch did (WaitAll), or on the first one, cancelling the rest (WaitAny).</summary>
public enum ForkJoinMode
{
    WaitAny,
    WaitAll,
}
