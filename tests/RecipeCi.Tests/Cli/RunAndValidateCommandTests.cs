using System.Diagnostics;
using System.Text.Json.Nodes;

namespace RecipeCi.Tests.Cli;

/// <summary>Runs the built <c>recipeci</c> for <c>run</c> and <c>workflows validate</c> against the Elsa-format corpus in tests/fixtures/elsa-workflows.</summary>
public sealed class RunAndValidateCommandTests
{
    private static string Samples { get; } = LocateSamples();

    [Fact]
    public async Task Run_json_prints_one_object_with_lines_output_and_journal()
    {
        var (exit, stdout, _) = await RecipeCiAsync("run", Path.Combine(Samples, "echo-input.json"), "--input", "Message=\"hello\"", "--json");
        Assert.Equal(0, exit);
        var result = JsonNode.Parse(stdout)!.AsObject();
        Assert.Equal("Finished", result["status"]!.GetValue<string>());
        Assert.Equal("Finished", result["subStatus"]!.GetValue<string>());
        Assert.Equal("hello", result["output"]!["Echo"]!.GetValue<string>());
        foreach (var key in new[] { "instanceId", "variables", "lines", "incidents", "journal" })
            Assert.True(result.ContainsKey(key), key);
        var entry = Assert.Single(result["journal"]!.AsArray(), j => j!["type"]!.GetValue<string>() == "Elsa.SetOutput")!;
        Assert.Equal("Done", entry["outcome"]!.GetValue<string>());
    }

    [Fact]
    public async Task Run_json_collects_writeline_texts_in_order_instead_of_printing_them()
    {
        var (exit, stdout, _) = await RecipeCiAsync("run", Path.Combine(Samples, "probe-loop.json"), "--json");
        Assert.Equal(0, exit);
        var lines = JsonNode.Parse(stdout)!["lines"]!.AsArray().Select(l => l!.GetValue<string>());
        Assert.Equal(["Probe", "Again", "Probe", "Again", "Probe", "Healthy"], lines);
    }

    [Fact]
    public async Task Run_exits_1_when_the_workflow_faults()
    {
        var file = Path.Combine(Path.GetTempPath(), $"fault-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(file, """
            {"definitionId":"fault","root":{"id":"fc","type":"Elsa.Flowchart","version":1,
             "activities":[{"id":"f","type":"Elsa.Fault","version":1,"message":{"typeName":"String","expression":{"type":"Literal","value":"boom"}}}],"connections":[]}}
            """);
        var (exit, stdout, _) = await RecipeCiAsync("run", file, "--json");
        Assert.Equal(1, exit);
        Assert.Equal("Faulted", JsonNode.Parse(stdout)!["subStatus"]!.GetValue<string>());
        Assert.Equal("boom", JsonNode.Parse(stdout)!["incidents"]![0]!["message"]!.GetValue<string>());
    }

    [Fact]
    public async Task Run_exits_2_on_bad_input()
    {
        Assert.Equal(2, (await RecipeCiAsync("run", Path.Combine(Samples, "single-line.json"), "--input", "no-equals-sign")).Exit);
        Assert.Equal(2, (await RecipeCiAsync("run", "/nonexistent/workflow.json")).Exit);
        var (exit, _, stderr) = await RecipeCiAsync("run", Path.Combine(Samples, "broken-cron.json"));
        Assert.Equal(2, exit);
        Assert.Contains("EveryFullMoon", stderr);
    }

    [Fact]
    public async Task Validate_reports_each_problem_and_exits_non_zero()
    {
        var (exit, stdout, _) = await RecipeCiAsync("workflows", "validate", Path.Combine(Samples, "broken-cron.json"), Path.Combine(Samples, "first-wins-join.json"));
        Assert.Equal(1, exit);
        var line = Assert.Single(stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("broken-cron.json", line);
        Assert.Contains("2c4e6a8b0d2f4a61", line);
        Assert.Contains("cron expression", line);
    }

    [Fact]
    public async Task Validate_accepts_the_valid_samples()
    {
        var files = new[] { "first-wins-join.json", "fan-out.json", "probe-loop.json", "half-past-hourly.json" }.Select(f => Path.Combine(Samples, f));
        Assert.Equal(0, (await RecipeCiAsync(["workflows", "validate", .. files])).Exit);
    }

    private static async Task<(int Exit, string Stdout, string Stderr)> RecipeCiAsync(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "recipeci.dll"));
        foreach (var arg in args)
            start.ArgumentList.Add(arg);
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout, await stderr);
    }

    private static string LocateSamples() => Path.Combine(TestKit.TestEnvironment.RepositoryRoot, "tests", "fixtures", "elsa-workflows");
}
