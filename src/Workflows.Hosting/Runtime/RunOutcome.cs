using Workflows.Core.Persistence;

namespace Workflows.Hosting.Runtime;

/// <summary>What became of a request to run or resume an instance on this node.</summary>
public sealed record RunOutcome(RunOutcomeKind Kind, WorkflowInstanceRecord? Instance, string? Reason = null)
{
    public static RunOutcome Ran(WorkflowInstanceRecord instance) => new(RunOutcomeKind.Ran, instance);
    public static RunOutcome Skipped(WorkflowInstanceRecord? instance, string reason) => new(RunOutcomeKind.Skipped, instance, reason);
    public static RunOutcome Busy(string reason) => new(RunOutcomeKind.Busy, null, reason);
    public static RunOutcome Started() => new(RunOutcomeKind.Started, null);
}

public enum RunOutcomeKind
{
    /// <summary>The engine ran the instance until it finished, suspended or stopped between steps.</summary>
    Ran,

    /// <summary>Nothing to do: already finished, suspended (for a run), or the bookmark was already resumed.</summary>
    Skipped,

    /// <summary>Another worker holds the instance; try again later.</summary>
    Busy,

    /// <summary>Claimed (lock and lease taken) and now running in the background on this node.</summary>
    Started,
}
