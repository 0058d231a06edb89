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
    string? ParentRunId);
