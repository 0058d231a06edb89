using System.Text.Json.Nodes;
using TestKit;

namespace RecipeCi.Tests.Cli;

/// <summary>
/// <c>recipeci workflows layout</c> on a copy of quick.json stripped of its positions: without <c>--write</c> the file
/// is named and left alone; with it every activity gets a position and a second run finds nothing to change.
/// </summary>
public sealed class WorkflowsLayoutCommandTests
{
    [Fact]
    public async Task Layout_reports_then_writes_positions_and_is_idempotent()
    {
        using var folder = new TempFolder("layout");
        var quick = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(TestEnvironment.RepositoryRoot, "workflows", "quick.json")))!.AsObject();
        foreach (var activity in quick["root"]!["activities"]!.AsArray())
            activity!["metadata"] = new JsonObject();
        var file = Path.Combine(folder.Path, "quick.json");
        var stripped = quick.ToJsonString(new() { WriteIndented = true });
        await File.WriteAllTextAsync(file, stripped);

        var (exit, output) = await RecipeCiProcess.RunAsync(["workflows", "layout", folder.Path], TimeSpan.FromMinutes(1));
        Assert.True(exit == 0, output);
        Assert.Contains("quick.json: 1 flowchart(s) would be laid out", output);
        Assert.Equal(stripped, await File.ReadAllTextAsync(file));

        (exit, output) = await RecipeCiProcess.RunAsync(["workflows", "layout", "--write", file], TimeSpan.FromMinutes(1));
        Assert.True(exit == 0, output);
        var laidOut = JsonNode.Parse(await File.ReadAllTextAsync(file))!["root"]!["activities"]!.AsArray();
        Assert.All(laidOut, a => Assert.NotNull(a!["metadata"]!["designer"]!["position"]!["x"]));
        Assert.Equal(laidOut.Count, laidOut.Select(a => a!["metadata"]!["designer"]!["position"]!.ToJsonString()).Distinct().Count());

        (exit, output) = await RecipeCiProcess.RunAsync(["workflows", "layout", file], TimeSpan.FromMinutes(1));
        Assert.True(exit == 0, output);
        Assert.Contains("1 file(s), 0 to rewrite", output);
    }

    [Fact]
    public async Task A_missing_file_is_named_and_fails()
    {
        var (exit, output) = await RecipeCiProcess.RunAsync(["workflows", "layout", "/nonexistent/flow.json"], TimeSpan.FromMinutes(1));
        Assert.Equal(1, exit);
        Assert.Contains("/nonexistent/flow.json: file not found", output);
    }
}
