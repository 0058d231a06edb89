using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Recipes.Ci.Catalog;
using Recipes.Ci.Runs;
using Recipes.Ci.Testing;
using Workflows.Core.Activities;
using Workflows.Core.Runtime;

namespace Recipes.Ci.Activities;

/// <summary>
/// Runs the recipe's tests (recipeci.yml with the CI-side override) against the run's app and keeps the JUnit XML
/// report on the run. A recipe without tests passes on deploy-and-converge (the health gate before this). Sets
/// the run's result. Idempotent: a re-run runs the tests again and overwrites the report.
/// </summary>
[Activity("Recipes", "Assert", Category = "Recipes", DisplayName = "Assert (run tests)",
    Description = "Run the recipe's recipeci.yml tests against the app; JUnit report kept on the run. No tests: pass on deploy-and-converge.")]
[FlowPort("Pass")]
[FlowPort("Fail")]
[FlowPort("Error")]
public sealed class AssertActivity(RunContextFactory runs, AppSpecLoader specs, RecipeTestRunner tests, RecipeCiOptions options) : RecipeActivity(runs)
{
    [Input(Description = "TENANT_* variables for the tests (from ProvisionTenant).", TypeName = "Object", DefaultSyntax = "Object", Order = 0)]
    public JsonObject? TenantEnvironment { get; set; }

    [Output(Description = "Path of the JUnit XML report.")]
    public string? Report { get; set; }

    protected override async Task<string> RunAsync(ActivityContext context, RunContext run)
    {
        var ct = context.CancellationToken;
        var spec = await specs.LoadAsync(run.Record.Recipe, run.Record.Commit ?? run.Record.Ref, run.RunId, run.App, ct);
        var reportPath = Path.Combine(options.ReportsRoot, run.RunId, "junit.xml");
        var testContext = new TestRunContext(run.App.Value, spec.Environment["DOMAIN"] ?? $"{run.App.Value}.{options.Domain}",
            Catalog.RunId.Parse(run.RunId), (TenantEnvironment ?? []).ToDictionary(p => p.Key, p => p.Value?.ToString() ?? string.Empty),
            spec.Environment.Variables);
        var report = await run.TimeAsync("assert",
            () => tests.RunAsync(RecipeName.Parse(run.Record.Recipe), spec.Config.Tests, testContext, reportPath, ct), ct);
        await run.SetReportAsync(report.ReportPath, await File.ReadAllTextAsync(report.ReportPath, ct), ct);
        context.SetOutput(nameof(Report), report.ReportPath);
        var passed = report.Passed;
        run.Logger.LogInformation("Run {RunId}: {Count} test(s), {Outcome}{Only}", run.RunId, report.Results.Count, passed ? "pass" : "fail",
            spec.Config.DeployAndConvergeOnly ? " (deploy-and-converge only)" : string.Empty);
        await run.SetResultAsync(passed ? RunResults.Pass : RunResults.Fail, ct);
        return passed ? "Pass" : "Fail";
    }
}
