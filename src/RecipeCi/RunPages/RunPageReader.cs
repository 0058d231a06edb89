using Recipes.Ci.Canonicals;
using Recipes.Ci.Runs;
using Workflows.Core.Persistence;

namespace RecipeCi.RunPages;

/// <summary>
/// Builds a <see cref="RunPageView"/> from the run record (labels, phases, JUnit report, reason), its workflow
/// instance (status and the step it is on) and the recipe's canonical.
/// </summary>
public sealed class RunPageReader(RunRecords records, IWorkflowInstanceStore instances, CanonicalRegistry canonicals, RunPageLinks links,
    RunPageOptions options, TimeProvider time)
{
    public async Task<RunPageView?> ReadAsync(string runId, CancellationToken cancellationToken)
    {
        var record = await records.GetAsync(runId, cancellationToken);
        return record is null ? null : await ViewAsync(record, cancellationToken);
    }

    /// <summary>The newest runs first, optionally of one recipe, without their test output.</summary>
    public async Task<IReadOnlyList<RunRecord>> ListAsync(string? recipe, int limit, CancellationToken cancellationToken) =>
        await records.ListAsync(recipe, limit, cancellationToken);

    private async Task<RunPageView> ViewAsync(RunRecord record, CancellationToken cancellationToken)
    {
        var instance = await instances.FindAsync(record.InstanceId, cancellationToken);
        var step = record.FinishedAt is null && instance is not null ? await CurrentStepAsync(instance.Id, cancellationToken) : null;
        var finished = record.FinishedAt is not null;
        var elapsed = ((record.FinishedAt ?? time.GetUtcNow()) - record.StartedAt).TotalSeconds;
        return new RunPageView(
            record.RunId,
            finished ? record.Result ?? RunResults.Error : "running",
            record.Result == RunResults.Pass ? null : record.Reason,
            record.Mode, record.Recipe, record.Ref, record.Commit, PrNumber(record.Pr), record.Trigger, record.App, record.DeployCount,
            record.PhaseSeconds.Select(p => new RunPagePhase(p.Key, p.Value)).ToList(),
            JUnitCases.Parse(record.ReportXml),
            await CanonicalAsync(record, cancellationToken),
            record.InstanceId,
            instance is null ? null : $"{instance.Status}/{instance.SubStatus}",
            step,
            record.StartedAt, record.FinishedAt, Math.Round(elapsed, 1),
            links.PageUrl(record.RunId),
            new Uri(options.BaseUrl, "studio/instances/" + Uri.EscapeDataString(record.InstanceId)).ToString(),
            record.ParentRunId,
            record.ReportPath)
        {
            TestsTrust = JUnitCases.SuiteProperty(record.ReportXml, "recipeci.tests.trust")
                         ?? (record.Untrusted is { } untrusted ? $"CiOnly ({untrusted})" : null),
            TestsSource = JUnitCases.SuiteProperty(record.ReportXml, "recipeci.tests.source") is { Length: > 0 } source ? source : null,
        };
    }

    /// <summary>The run's JUnit report XML; null when the run is unknown or wrote none (yet).</summary>
    public async Task<string?> ReadReportAsync(string runId, CancellationToken cancellationToken) =>
        (await records.GetAsync(runId, cancellationToken))?.ReportXml;

    // The record keeps the webhook's digits as text; JSON gets a number.
    private static int? PrNumber(string? pr) =>
        int.TryParse(pr, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var number) ? number : null;

    /// <summary>The activity the run is on: the newest execution not yet completed (running, or waiting for a lock or child).</summary>
    private async Task<string?> CurrentStepAsync(string instanceId, CancellationToken cancellationToken)
    {
        var executions = await instances.ListActivityExecutionsAsync(instanceId, cancellationToken);
        var open = executions.Where(e => e.CompletedAt is null && e.ActivityType != "Elsa.Flowchart").MaxBy(e => e.StartedAt);
        return open is null ? null : open.ActivityName ?? open.ActivityId;
    }

    private async Task<RunPageCanonical?> CanonicalAsync(RunRecord record, CancellationToken cancellationToken)
    {
        var canonical = await canonicals.GetAsync(record.Recipe, cancellationToken);
        if (canonical is null)
            return null;
        if (canonical.RunId == record.RunId)
            return new RunPageCanonical("promoted", canonical.Commit, canonical.Version, canonical.RunId, canonical.PromotedAt);
        // A quick run tests on top of the canonical; one promoted after this run started is not the one it used.
        return record.Mode == RunModes.Quick && canonical.PromotedAt <= record.StartedAt
            ? new RunPageCanonical("used", canonical.Commit, canonical.Version, canonical.RunId, canonical.PromotedAt)
            : null;
    }
}
