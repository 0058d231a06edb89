using System.Diagnostics;
using System.Xml.Linq;
using Docker.DotNet.Models;
using Recipes.Ci.Catalog;
using Recipes.Ci.Testing;
using Recipes.Swarm.Docker;
using Recipes.Swarm.Sandbox;
using TestKit;

namespace Recipes.Ci.Tests.Testing;

/// <summary>The runner with the default sandbox: each test in a throwaway container of the test image.</summary>
[Trait("Category", "Services")]
public sealed class RecipeTestRunnerTests(DockerFixture docker) : IClassFixture<DockerFixture>, IDisposable
{
    private readonly TempFolder _folder = new("runner");
    private readonly RecipeTestRunner _runner = Sandboxes.Runner(docker.Client, Sandboxes.ContainerOptions);
    private readonly RecipeName _recipe = RecipeName.Parse("ci-catalog");
    private readonly AppName _app = AppName.Parse("ci-catalog-3f9a1c2e");

    public void Dispose() => _folder.Dispose();

    private TestRunContext Context(RunId run) => new(
        "ci-catalog-3f9a1c2e",
        "ci-catalog-3f9a1c2e.ci.localhost",
        run,
        new Dictionary<string, string> { ["TENANT_REALM"] = "ci-" + run.Value },
        new Dictionary<string, string> { ["GREETING"] = "hi", ["APP"] = "the app env cannot override this" });

    private RecipeTest Test(string name, string command, double timeoutSeconds = 30) =>
        new(name, command, TimeSpan.FromSeconds(timeoutSeconds), _folder.Path);

    [Fact]
    public async Task Passing_tests_see_the_run_environment_and_the_report_says_so()
    {
        await File.WriteAllTextAsync(Path.Combine(_folder.Path, "check.sh"), "echo \"$APP $DOMAIN $RUN_ID $TENANT_REALM $GREETING\"\n");
        var report = await _runner.RunAsync(_recipe, _app, [Test("env", "sh ./check.sh")], Context(RunId.Parse("abc123")), Path.Combine(_folder.Path, "out", "junit.xml"), CancellationToken.None);

        Assert.True(report.Passed);
        var result = Assert.Single(report.Results);
        Assert.Equal("ci-catalog-3f9a1c2e ci-catalog-3f9a1c2e.ci.localhost abc123 ci-abc123 hi\n", result.Output);
        var suite = XDocument.Load(report.ReportPath).Root!.Element("testsuite")!;
        Assert.Equal("1", suite.Attribute("tests")!.Value);
        Assert.Equal("0", suite.Attribute("failures")!.Value);
        var testcase = suite.Element("testcase")!;
        Assert.Equal("env", testcase.Attribute("name")!.Value);
        Assert.Null(testcase.Element("failure"));
        Assert.Contains("ci-abc123", testcase.Element("system-out")!.Value);
    }

    [Fact]
    public async Task A_failing_test_fails_the_run_and_every_test_still_runs()
    {
        var tests = new[] { Test("fails", "echo broken >&2; exit 3"), Test("passes", "echo fine") };
        var report = await _runner.RunAsync(_recipe, _app, tests, Context(RunId.Parse("fail1")), Path.Combine(_folder.Path, "junit.xml"), CancellationToken.None);

        Assert.False(report.Passed);
        Assert.Equal([TestOutcome.Failed, TestOutcome.Passed], report.Results.Select(r => r.Outcome));
        Assert.Equal(3, report.Results[0].ExitCode);
        var suite = XDocument.Load(report.ReportPath).Root!.Element("testsuite")!;
        Assert.Equal("2", suite.Attribute("tests")!.Value);
        Assert.Equal("1", suite.Attribute("failures")!.Value);
        var failure = suite.Elements("testcase").Single(t => t.Attribute("name")!.Value == "fails").Element("failure")!;
        Assert.Equal("exited with code 3", failure.Attribute("message")!.Value);
        Assert.Contains("broken", failure.Value);
    }

    [Fact]
    public async Task A_test_past_its_timeout_is_killed_with_its_children_and_reported_as_a_failure()
    {
        // A background child that would outlive its shell: the timeout must kill it too.
        var command = "sleep 300 & echo started; wait";
        var clock = Stopwatch.StartNew();
        var report = await _runner.RunAsync(_recipe, _app, [Test("hangs", command, timeoutSeconds: 1)], Context(RunId.Parse("slow")), Path.Combine(_folder.Path, "junit.xml"), CancellationToken.None);

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(20), $"took {clock.Elapsed}");
        var result = Assert.Single(report.Results);
        Assert.Equal(TestOutcome.TimedOut, result.Outcome);
        Assert.Null(result.ExitCode);
        Assert.Contains("started", result.Output);
        // The container, and with it the background child, is gone.
        var left = await docker.Client.Containers.ListContainersAsync(new ContainersListParameters
        {
            All = true,
            Filters = new Dictionary<string, IDictionary<string, bool>> { ["label"] = new Dictionary<string, bool> { [$"{ContainerSandbox.Label}=slow"] = true } },
        });
        Assert.Empty(left);
        var failure = XDocument.Load(report.ReportPath).Root!.Element("testsuite")!.Element("testcase")!.Element("failure")!;
        Assert.Equal("timeout", failure.Attribute("type")!.Value);
        Assert.StartsWith("timed out after", failure.Attribute("message")!.Value);
    }

    [Fact]
    public async Task A_warning_is_a_passing_case_marked_as_a_warning()
    {
        var warning = TestCaseResult.ForWarning("version-label", "version-label: deploys tag 1.1.0+1.0 but its label says 1.0.0+1.0");
        var report = await _runner.RunAsync(_recipe, _app, [Test("passes", "echo fine")], Context(RunId.Parse("warn1")), Path.Combine(_folder.Path, "junit.xml"),
            CancellationToken.None, warnings: [warning]);

        Assert.True(report.Passed);
        var suite = XDocument.Load(report.ReportPath).Root!.Element("testsuite")!;
        Assert.Equal("2", suite.Attribute("tests")!.Value);
        Assert.Equal("0", suite.Attribute("failures")!.Value);
        var testcase = suite.Elements("testcase").Single(t => t.Attribute("name")!.Value == "version-label");
        Assert.Null(testcase.Element("failure"));
        Assert.Equal("warning", testcase.Element("properties")!.Elements("property").Single(p => p.Attribute("name")!.Value == "outcome").Attribute("value")!.Value);
        Assert.StartsWith("warning: version-label: deploys tag 1.1.0+1.0", testcase.Element("system-err")!.Value);
    }

    [Fact]
    public async Task No_tests_write_an_empty_passing_report()
    {
        var report = await _runner.RunAsync(_recipe, _app, [], Context(RunId.Parse("none")), Path.Combine(_folder.Path, "junit.xml"), CancellationToken.None);

        Assert.True(report.Passed);
        Assert.Equal("0", XDocument.Load(report.ReportPath).Root!.Element("testsuite")!.Attribute("tests")!.Value);
    }

    [Fact]
    public async Task Server_secrets_in_RECIPECI_variables_do_not_reach_tests()
    {
        Environment.SetEnvironmentVariable("RECIPECI_TEST_SECRET_PROBE", "leaked");
        try
        {
            var report = await _runner.RunAsync(_recipe, _app, [Test("env", "env")], Context(RunId.Parse("sec")), Path.Combine(_folder.Path, "junit.xml"), CancellationToken.None);
            Assert.DoesNotContain("leaked", report.Results[0].Output);
            Assert.Contains("RUN_ID=sec", report.Results[0].Output);
        }
        finally
        {
            Environment.SetEnvironmentVariable("RECIPECI_TEST_SECRET_PROBE", null);
        }
    }
}
