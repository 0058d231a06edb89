using TestKit;

namespace RecipeCi.Tests.Cli;

/// <summary>
/// <c>recipeci run</c> as a process: a flow whose outputs carry <c>Result</c> exits 0 on pass, 1 on fail, 2 on error
/// and ends with one line: <c>result: … report: … · &lt;workflow&gt; &lt;status&gt; in &lt;duration&gt;, &lt;n&gt; steps, &lt;n&gt;
/// incidents, instance …</c>; piped, it prints a line per step as it goes; an unknown or misspelt <c>--input</c> is refused (exit 2) naming the
/// closest declared input, before anything runs. The flow is tests/fixtures/flows/reports-result.json.
/// </summary>
public sealed class RunExitCodeTests
{
    private static readonly string Flow = Path.Combine(TestEnvironment.RepositoryRoot, "tests", "fixtures", "flows", "reports-result.json");

    [Theory]
    [InlineData("pass", "", 0, "result: pass report: /tmp/junit.xml")]
    [InlineData("fail", "assert: 3/12 tests failed", 1, "result: fail (assert: 3/12 tests failed) report: /tmp/junit.xml")]
    [InlineData("error", "deploy: no such image", 2, "result: error (deploy: no such image) report: /tmp/junit.xml")]
    public async Task Run_exits_by_the_flows_result_with_a_last_line_naming_it(string result, string reason, int exit, string lastLine)
    {
        using var data = new TempFolder("run-exit");
        var (code, text) = await RecipeCiProcess.RunAsync(
            ["run", Flow, "--input", $"Result={result}", "--input", $"Reason={reason}", "--input", "ReportPath=/tmp/junit.xml"],
            TimeSpan.FromMinutes(2), new Dictionary<string, string> { ["RECIPECI_DataDir"] = data.Path });
        Assert.True(code == exit, $"exit {code}, expected {exit}:\n{text}");
        var last = text.TrimEnd().Split('\n')[^1].TrimEnd();
        Assert.Matches($"^{System.Text.RegularExpressions.Regex.Escape(lastLine)} · Reports a result Finished/Finished in [0-9.]+ s, 4 steps, 0 incidents, instance [0-9a-f]{{32}}$", last);
        // Piped (as here), the steps show one line each while the flow runs.
        Assert.Contains("step: reports-result/result (Elsa.SetOutput)", text);
        // Logs come in serve's format.
        Assert.Matches(@"(?m)^\[\d\d:\d\d:\d\d INF\] Recipes\.Ci\.", text);
    }

    [Fact]
    public async Task Run_refuses_a_misspelt_input_naming_the_one_meant()
    {
        using var data = new TempFolder("run-exit");
        var (code, text) = await RecipeCiProcess.RunAsync(["run", Flow, "--input", "Reslt=pass"], TimeSpan.FromMinutes(2),
            new Dictionary<string, string> { ["RECIPECI_DataDir"] = data.Path });
        Assert.Equal(2, code);
        Assert.Contains("--input 'Reslt' is not an input of reports-result; did you mean 'Result'?", text);
        Assert.Contains("reports-result takes: Result, Reason, ReportPath.", text);
        Assert.DoesNotContain("result:", text);
    }
}
