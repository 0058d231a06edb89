using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using TestKit;

namespace RecipeCi.Tests.Cli;

/// <summary>
/// <c>recipeci workflows import|export</c> run as the built executable against the configured SQLite database: the
/// repository's flows import and publish; export writes each latest version back as <c>&lt;definitionId&gt;.json</c>;
/// importing an export changes nothing, and into an empty database recreates the same definitions.
/// </summary>
public sealed class WorkflowsExportImportCommandTests : IDisposable
{
    private static readonly string RepositoryWorkflows = Path.Combine(TestEnvironment.RepositoryRoot, "workflows");
    private readonly TempFolder _folder = new("workflows-cli");

    [Fact]
    public async Task Import_publishes_the_flows_export_writes_them_back_and_the_round_trip_changes_nothing()
    {
        var flows = Directory.GetFiles(RepositoryWorkflows, "*.json").Select(Path.GetFileNameWithoutExtension).Order(StringComparer.Ordinal).ToList();

        var (exit, output) = await RecipeCiAsync("first", "workflows", "import", RepositoryWorkflows);
        Assert.True(exit == 0, output);
        foreach (var flow in flows)
            Assert.Contains($"{flow} v1 published", output);
        (exit, output) = await RecipeCiAsync("first", "workflows", "import", RepositoryWorkflows);
        Assert.True(exit == 0, output);
        foreach (var flow in flows)
            Assert.Contains($"{flow} v1 unchanged", output);

        var exported = Path.Combine(_folder.Path, "exported");
        (exit, output) = await RecipeCiAsync("first", "workflows", "export", "--output", exported);
        Assert.True(exit == 0, output);
        Assert.Equal(flows.Select(f => f + ".json"), Directory.GetFiles(exported).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        foreach (var flow in flows)
        {
            var original = Parse(Path.Combine(RepositoryWorkflows, flow + ".json"));
            var written = Parse(Path.Combine(exported, flow + ".json"));
            Assert.Equal(flow, written["definitionId"]!.GetValue<string>());
            Assert.Equal(1, written["version"]!.GetValue<int>());
            Assert.True(written["isPublished"]!.GetValue<bool>());
            Assert.Equal(original["name"]?.ToJsonString(), written["name"]?.ToJsonString());
            Assert.Equal(ActivityIds(original), ActivityIds(written));
            Assert.Equal(original["root"]!["connections"]!.AsArray().Count, written["root"]!["connections"]!.AsArray().Count);
        }

        // The export is the same workflow as the stored version: importing it creates no version.
        (exit, output) = await RecipeCiAsync("first", "workflows", "import", exported);
        Assert.True(exit == 0, output);
        foreach (var flow in flows)
            Assert.Contains($"{flow} v1 unchanged", output);

        // Into an empty database the export recreates the definitions, and exporting those gives the same files.
        (exit, output) = await RecipeCiAsync("second", "workflows", "import", exported);
        Assert.True(exit == 0, output);
        var again = Path.Combine(_folder.Path, "again");
        (exit, output) = await RecipeCiAsync("second", "workflows", "export", "quick", "-o", again);
        Assert.True(exit == 0, output);
        Assert.Equal(["quick.json"], Directory.GetFiles(again).Select(Path.GetFileName));
        var first = Parse(Path.Combine(exported, "quick.json"));
        var second = Parse(Path.Combine(again, "quick.json"));
        Assert.True(JsonNode.DeepEquals(first["root"], second["root"]), "the re-imported quick.json has another root");
        Assert.True(JsonNode.DeepEquals(first["variables"], second["variables"]));
    }

    [Fact]
    public async Task A_bad_file_is_reported_by_name_and_the_good_ones_are_still_imported_and_unknown_ids_are_refused()
    {
        var input = Directory.CreateDirectory(Path.Combine(_folder.Path, "input")).FullName;
        // quick.json uses run-tail.json as an activity: the two are imported together.
        foreach (var good in new[] { "quick.json", "run-tail.json" })
            File.Copy(Path.Combine(RepositoryWorkflows, good), Path.Combine(input, good));
        var bad = Parse(Path.Combine(RepositoryWorkflows, "quick.json"));
        bad["definitionId"] = "broken";
        bad["root"]!["activities"]!.AsArray().Add(new JsonObject { ["id"] = "x", ["type"] = "Acme.Unknown", ["version"] = 1 });
        await File.WriteAllTextAsync(Path.Combine(input, "broken.json"), bad.ToJsonString());
        await File.WriteAllTextAsync(Path.Combine(input, "garbage.json"), "{ not json");

        var (exit, output) = await RecipeCiAsync("bad", "workflows", "import", input);
        Assert.Equal(1, exit);
        Assert.Contains("broken.json", output);
        Assert.Contains("Acme.Unknown", output);
        Assert.Contains("garbage.json: not imported", output);
        Assert.Contains("quick v1 published", output);
        Assert.Contains("2 of 4 file(s) not imported", output);

        (exit, output) = await RecipeCiAsync("bad", "workflows", "export", "broken", "-o", Path.Combine(_folder.Path, "out"));
        Assert.Equal(1, exit);
        Assert.Contains("Workflow definition 'broken' was not found", output);
        Assert.False(Directory.Exists(Path.Combine(_folder.Path, "out")));

        (exit, output) = await RecipeCiAsync("bad", "workflows", "import", Path.Combine(_folder.Path, "nowhere"));
        Assert.Equal(1, exit);
        Assert.Contains("No file or folder at", output);
    }

    private static JsonObject Parse(string path) => JsonNode.Parse(File.ReadAllText(path).TrimStart('\uFEFF'))!.AsObject();

    private static List<string> ActivityIds(JsonObject definition) =>
        definition["root"]!["activities"]!.AsArray().Select(a => a!["id"]!.GetValue<string>()).Order(StringComparer.Ordinal).ToList();

    private async Task<(int Exit, string Output)> RecipeCiAsync(string database, params string[] args) =>
        await RecipeCiProcess.RunAsync(args, TimeSpan.FromMinutes(2), new Dictionary<string, string>
        {
            ["RECIPECI_DataDir"] = Path.Combine(_folder.Path, database),
            ["RECIPECI_Recipes__Root"] = Path.Combine(_folder.Path, "recipes"),
            ["RECIPECI_Recipes__TestsRoot"] = Path.Combine(_folder.Path, "recipe-tests"),
            ["RECIPECI_Snapshots__Root"] = Path.Combine(_folder.Path, "snapshots"),
            ["RECIPECI_Alerts__Root"] = Path.Combine(_folder.Path, "alerts"),
        });

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _folder.Dispose();
    }
}
