namespace Recipes.Ci.Runs;

/// <summary>What is known when a run starts (ResolveRun).</summary>
public sealed record RunStart(
    string RunId,
    string InstanceId,
    string Mode,
    string Recipe,
    string Ref,
    string? Commit,
    string? Pr,
    string Trigger,
    string? ParentRunId)
{
    /// <summary>Why the run trusts only the CI side's tests (<see cref="TestTrustReasons"/>); null when nothing limits it.</summary>
    public string? Untrusted { get; init; }
}
