using Recipes.Ci.Testing;
using Recipes.Swarm.Stacks;

namespace Recipes.Ci.Runs;

/// <summary>
/// A failed deploy as the run's JUnit report: one failed case per failing service, its message the one-line summary
/// (service, reason, task state and error, exit code, healthcheck), its output the summary and the last lines its
/// container printed. Tests that already wrote the run's report keep it; the deploy's then goes beside it.
/// </summary>
public static class DeployFailureReport
{
    public static async Task WriteAsync(RunContext run, string reportsRoot, string phase, StackDeployResult result, DateTimeOffset startedAt, CancellationToken ct)
    {
        var directory = Path.Combine(reportsRoot, run.RunId);
        var path = Path.Combine(directory, "junit.xml");
        var isRunReport = !File.Exists(path);
        if (!isRunReport) path = Path.Combine(directory, $"{phase}-junit.xml");
        var cases = result.Failures.Count == 0
            ? [new TestCaseResult(phase, TestOutcome.Failed, result.Duration, null, result.ToString())]
            : result.Failures.Select(f => new TestCaseResult($"{phase} {f.Service}", TestOutcome.Failed, result.Duration, null, f.ToString())).ToList();
        await JUnitReportWriter.WriteAsync(path, run.Record.Recipe, cases, startedAt, ct);
        if (isRunReport) await run.SetReportAsync(path, await File.ReadAllTextAsync(path, ct), ct);
    }
}
