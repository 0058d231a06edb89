namespace RecipeCi.RunPages;

/// <summary>
/// Everything a run page shows, and the JSON at <c>/runs/{runId}.json</c> (what <c>recipeci trigger --wait</c> polls).
/// <see cref="Result"/> is <c>pass</c>, <c>fail</c>, <c>error</c>, or <c>running</c> until the run is closed.
/// <see cref="Pr"/> is a number (or null), as in every JSON recipeci prints; <see cref="ReportPath"/> is where the
/// JUnit report lies on the server (<c>/runs/{runId}.xml</c> serves it).
/// </summary>
public sealed record RunPageView(
    string RunId,
    string Result,
    string? Reason,
    string Mode,
    string Recipe,
    string Ref,
    string? Commit,
    int? Pr,
    string Trigger,
    string? App,
    int DeployCount,
    IReadOnlyList<RunPagePhase> Phases,
    IReadOnlyList<RunPageTest> Tests,
    RunPageCanonical? Canonical,
    string InstanceId,
    string? InstanceStatus,
    string? CurrentStep,
    DateTimeOffset StartedAt,
    DateTimeOffset? FinishedAt,
    double ElapsedSeconds,
    string PageUrl,
    string StudioUrl,
    string? ParentRunId,
    string? ReportPath)
{
    public bool Finished => FinishedAt is not null;

    /// <summary>
    /// Whose tests the run trusted and why: the report's <c>recipeci.tests.trust</c> (<c>CiOnly (fork)</c>,
    /// <c>CiOnly (config)</c>, <c>Recipe</c>), or <c>CiOnly (fork)</c> from the record before the tests ran; null when unknown.
    /// </summary>
    public string? TestsTrust { get; init; }

    /// <summary>Where each test came from: the report's <c>recipeci.tests.source</c> (<c>name=ci-side, other=recipe</c>).</summary>
    public string? TestsSource { get; init; }
}

/// <summary>One phase (deploy, health, assert, undeploy...) and the seconds it took; phases run twice add up.</summary>
public sealed record RunPagePhase(string Name, double Seconds);

/// <summary>One test case of the run's JUnit report: its outcome (<c>passed</c>, <c>failed</c>), why it failed, and its output.</summary>
public sealed record RunPageTest(string Name, string Outcome, double Seconds, string? Message, string Output);

/// <summary>The canonical a quick run reattached to (<c>used</c>) or a green cold run <c>promoted</c>.</summary>
public sealed record RunPageCanonical(string Role, string Commit, string? Version, string PromotedBy, DateTimeOffset PromotedAt);
