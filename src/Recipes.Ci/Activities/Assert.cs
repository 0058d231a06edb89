using System.Text.Json.Nodes;
using Recipes.Ci.Catalog;
using Recipes.Ci.Testing;
using Recipes.Swarm.Stacks;
using Workflows.Core.Activities;
using Workflows.Core.Runtime;

namespace Recipes.Ci.Activities;

/// <summary>
/// Runs the recipe's tests (recipeci.yml with the CI-side override) against the run's app and keeps the JUnit XML
/// report on the run. A recipe without tests passes on deploy-and-converge (the health gate before this). Then it
/// checks that the app's deploy stayed as it converged while the health gate and tests ran (Swarm's update monitor
/// window overlaps them): a rollback, pause or ended task since fails the run, as test case <c>deploy-stable</c>.
/// Each warning on the run (a version label not bumped) is a passing JUnit case of its own. Sets the run's result. Idempotent: a re-run runs the tests again and overwrites the report.
/// </summary>
[Activity("Recipes", "Assert", Category = "Recipes", DisplayName = "Assert (run tests)",
    Description = "Run the recipe's recipeci.yml tests against the app; JUnit report kept on the run. No tests: pass on deploy-and-converge.")]
[FlowPort(Pass)]
[FlowPort(Fail)]
public sealed class AssertActivity(RunContextFactory runs, RunWorkspace workspace, RecipeTestRunner tests, IStackDeployer stacks, RecipeCiOptions options, TimeProvider time)
    : RecipeActivity(runs)
{
    public const string Pass = "Pass";
    public const string Fail = "Fail";

    /// <summary>The JUnit test case of the stability check.</summary>
    public const string StabilityCase = "deploy-stable";

    [Input(Description = "TENANT_* variables for the tests (from ProvisionTenant).", TypeName = "Object", DefaultSyntax = "Object", Order = 0)]
    public JsonObject? TenantEnvironment { get; set; }

    [Output(Description = "Path of the JUnit XML report.")]
    public string? Report { get; set; }

    protected override async Task<string> RunAsync(ActivityContext context, RunContext run, CancellationToken cancellationToken)
    {
        var spec = await workspace.SpecAsync(run, run.App, cancellationToken);
        var reportPath = Path.Combine(options.ReportsRoot, run.RunId, "junit.xml");
        var testContext = new TestRunContext(run.App.Value, spec.Environment["DOMAIN"] ?? $"{run.App.Value}.{options.Domain}",
            Catalog.RunId.Parse(run.RunId), (TenantEnvironment ?? []).ToDictionary(p => p.Key, p => p.Value?.ToString() ?? string.Empty),
            spec.TestEnvironment);
        // A fork's run trusts only the CI side's tests, whatever Ci:Tests:Trust says.
        var trust = TestTrustReasons.Effective(options.Tests.Trust, run.Record.Untrusted);
        testContext = testContext with { Trust = TestTrustReasons.Describe(trust) };
        var report = await run.TimeAsync("assert",
            () => tests.RunAsync(RecipeName.Parse(run.Record.Recipe), run.App, spec.Config.TestsUnder(trust.Trust), testContext, reportPath, cancellationToken,
                StabilityCheck(run), run.Record.Warnings.Select(w => TestCaseResult.ForWarning(WarningCase(w), w)).ToList()), cancellationToken);
        await run.SetReportAsync(report.ReportPath, await File.ReadAllTextAsync(report.ReportPath, cancellationToken), cancellationToken);
        context.SetOutput(nameof(Report), report.ReportPath);
        var passed = report.Passed;
        run.Logger.LogInformation("Run {RunId}: {Count} test(s), {Outcome}{Only}", run.RunId, report.Results.Count, passed ? "pass" : "fail",
            spec.Config.DeployAndConvergeOnly ? " (deploy-and-converge only)" : string.Empty);
        if (passed)
        {
            await run.SetResultAsync(RunResults.Pass, cancellationToken);
            return Pass;
        }
        var failed = report.Results.Where(r => !r.Passed).ToList();
        await FailRunAsync(context, run, RunResults.Fail, $"{failed.Count}/{report.Results.Count} tests failed ({string.Join(", ", failed.Select(r => r.Name))})", cancellationToken,
            string.Join("\n\n", failed.Select(r => $"{r.Name}: {r.Message}\n{r.Output}")));
        return Fail;
    }

    // A warning "version-label: ..." becomes case "version-label".
    private static string WarningCase(string warning) =>
        warning.IndexOf(':') is var colon and > 0 && !warning[..colon].Contains(' ') ? warning[..colon] : "warning";

    /// <summary>Whether the run's app stayed as its last deploy converged; none when the run never recorded one.</summary>
    private Func<CancellationToken, Task<TestCaseResult>>? StabilityCheck(RunContext run)
    {
        if (run.Record.ConvergedAt is not { } since)
            return null;
        return async cancellationToken =>
        {
            var started = time.GetTimestamp();
            var stability = await stacks.CheckStabilityAsync(run.App, since.UtcDateTime, cancellationToken);
            return new TestCaseResult(StabilityCase, stability.Stable ? TestOutcome.Passed : TestOutcome.Failed, time.GetElapsedTime(started), null,
                stability.ToString());
        };
    }
}
