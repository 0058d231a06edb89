namespace Recipes.Ci.Runs;

/// <summary>The labels of one run (see <see cref="Persistence.Entities.RunRecordEntity"/>).</summary>
public sealed record RunRecord(
    string RunId,
    string InstanceId,
    string Mode,
    string Recipe,
    string Ref,
    string? Commit,
    string? Pr,
    string Trigger,
    string? App,
    string? Result,
    int DeployCount,
    IReadOnlyDictionary<string, double> PhaseSeconds,
    string? ReportPath,
    string? ReportXml,
    string? ParentRunId,
    DateTimeOffset StartedAt,
    DateTimeOffset? FinishedAt)
{
    public TimeSpan? Duration => FinishedAt - StartedAt;

    /// <summary>When the run's app last converged; see <see cref="Persistence.Entities.RunRecordEntity.ConvergedAt"/>.</summary>
    public DateTimeOffset? ConvergedAt { get; init; }

    /// <summary>What is wrong without failing the run (e.g. a version label that does not match the tag deployed).</summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];

    /// <summary>Why the run failed or broke; see <see cref="Persistence.Entities.RunRecordEntity.Reason"/>.</summary>
    public string? Reason { get; init; }

    /// <summary>
    /// <c>seeded</c> or <c>advanced</c> when the run promoted the canonical, <c>not promoted: &lt;why&gt;</c> when a green
    /// cold run's commit is not from a ref <c>Ci:PromoteFrom</c> trusts; null otherwise.
    /// </summary>
    public string? Promotion { get; init; }

    /// <summary>Why the run trusts only the CI side's tests (<see cref="TestTrustReasons"/>); null when nothing limits it.</summary>
    public string? Untrusted { get; init; }
}
