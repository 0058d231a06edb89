using Microsoft.Extensions.Logging;
using Recipes.Ci.Catalog;
using Recipes.Swarm.Docker;

namespace Recipes.Ci.Testing;

/// <summary>
/// Runs a recipe's tests in order, each in the <see cref="TestSandbox"/> with its own timeout, and writes the
/// JUnit XML report (with where the tests ran and where each came from). Every test runs even after a failure, so
/// one report shows everything that is broken.
/// </summary>
public sealed class RecipeTestRunner(TestSandbox sandbox, TimeProvider time, ILogger<RecipeTestRunner> logger)
{
    public async Task<TestRunReport> RunAsync(
        RecipeName recipe,
        AppName app,
        IReadOnlyList<RecipeTest> tests,
        TestRunContext context,
        string reportPath,
        CancellationToken cancellationToken,
        Func<CancellationToken, Task<TestCaseResult>>? finalCheck = null,
        IReadOnlyList<TestCaseResult>? warnings = null)
    {
        var environment = context.BuildEnvironment();
        var startedAt = time.GetUtcNow();
        var results = new List<TestCaseResult>();
        var plan = tests.Count == 0 ? null : await sandbox.PlanAsync(app, cancellationToken);
        foreach (var test in tests)
        {
            logger.LogInformation("Run {Run}: test {Test} of {Recipe} ({Source}) starting in {Sandbox} (timeout {Timeout})",
                context.Run.Value, test.Name, recipe.Value, SourceName(test.Source), plan!.Description, test.Timeout);
            var outcome = await sandbox.RunAsync(plan, context.Run.Value, test.Command, test.WorkingDirectory, environment, test.Timeout, cancellationToken);
            var result = new TestCaseResult(
                test.Name,
                outcome.TimedOut ? TestOutcome.TimedOut : outcome.ExitCode == 0 ? TestOutcome.Passed : TestOutcome.Failed,
                outcome.Duration,
                outcome.ExitCode,
                outcome.Output);
            logger.LogInformation("Run {Run}: test {Test} {Outcome} in {Duration}", context.Run.Value, test.Name, result.Message, result.Duration);
            results.Add(result);
        }
        if (finalCheck is not null)
        {
            // A check of the app itself once the tests are done (Assert: did the deploy stay stable meanwhile?).
            var result = await finalCheck(cancellationToken);
            logger.LogInformation("Run {Run}: check {Test} {Outcome}", context.Run.Value, result.Name, result.Message);
            results.Add(result);
        }
        // What the run noticed without failing (a version label not bumped): in the report, never failing it.
        results.AddRange(warnings ?? []);
        var properties = new Dictionary<string, string>
        {
            ["recipeci.sandbox"] = plan?.Description ?? "none (no tests)",
            ["recipeci.tests.source"] = string.Join(", ", tests.Select(t => $"{t.Name}={SourceName(t.Source)}")),
        };
        if (context.Trust is { } trust)
            properties["recipeci.tests.trust"] = trust;
        await JUnitReportWriter.WriteAsync(reportPath, recipe.Value, results, startedAt, cancellationToken, properties);
        return new TestRunReport(results, reportPath, plan?.Description ?? string.Empty);
    }

    private static string SourceName(TestSource source) => source == TestSource.CiSide ? "ci-side" : "recipe";
}
