using Recipes.Ci.Runs;

namespace RecipeCi.Cli;

/// <summary>
/// How <c>recipeci runs labels</c> prints a run record: its labels (mode, recipe, ref, PR, trigger, result, deploy
/// count), why it failed or broke, phase durations and JUnit report path; the report XML itself stays in the database.
/// </summary>
public sealed record RunLabelsJson(
    string RunId,
    string Mode,
    string Recipe,
    string Ref,
    string? Commit,
    int? Pr,
    string Trigger,
    string? App,
    string? Result,
    int DeployCount,
    IReadOnlyDictionary<string, double> PhaseSeconds,
    double? DurationSeconds,
    string? ReportPath,
    string? ParentRunId,
    DateTimeOffset StartedAt,
    DateTimeOffset? FinishedAt,
    string? Reason)
{
    public static RunLabelsJson From(RunRecord r) =>
        new(r.RunId, r.Mode, r.Recipe, r.Ref, r.Commit, PrNumber(r.Pr), r.Trigger, r.App, r.Result, r.DeployCount, r.PhaseSeconds,
            r.Duration is { } d ? Math.Round(d.TotalSeconds, 3) : null, r.ReportPath, r.ParentRunId, r.StartedAt, r.FinishedAt, r.Reason);

    /// <summary>A PR is a number in every JSON the CLI and the server print; the record keeps the webhook's digits as text.</summary>
    public static int? PrNumber(string? pr) =>
        int.TryParse(pr, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var number) ? number : null;
}
