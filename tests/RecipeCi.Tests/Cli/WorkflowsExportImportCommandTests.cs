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

    [Fact]
    public async Task A_cron_flow_imported_into_a_running_servers_database_is_scheduled_by_that_server()
    {
        await using var server = await ServeAsync("--Scheduler:ReconcileSeconds", "1");
        var http = server.Api;

        var file = Path.Combine(_folder.Path, "every-second.json");
        await File.WriteAllTextAsync(file, EverySecond);
        var (exit, output) = await RecipeCiAsync("running", "workflows", "import", file);
        Assert.True(exit == 0, output);

        // The server did not import the file; only its periodic schedule pass can have picked the trigger up.
        var started = await Eventually.UntilAsync(
            async () => JsonNode.Parse(await http.GetStringAsync("workflow-instances?definitionId=every-second"))!["items"]!.AsArray().Count,
            count => count > 0, TimeSpan.FromSeconds(60), count => $"no instance of every-second after the import ({count})\n{server.Process.Output}");
        Assert.True(started > 0);
    }

    [Fact]
    public async Task A_workflow_used_as_an_activity_imported_into_a_running_servers_database_runs_there()
    {
        await using var server = await ServeAsync();
        var http = server.Api;
        // The server has loaded the (no) stored workflow activity types before the import writes the child.
        (await http.GetAsync("workflow-definitions?pageSize=1")).Dispose();

        var folder = Directory.CreateDirectory(Path.Combine(_folder.Path, "composed")).FullName;
        await File.WriteAllTextAsync(Path.Combine(folder, "a-child.json"), SharedChild);
        await File.WriteAllTextAsync(Path.Combine(folder, "b-parent.json"), UsesChild);
        var (exit, output) = await RecipeCiAsync("running", "workflows", "import", folder);
        Assert.True(exit == 0, output);

        using var content = new StringContent("{}", System.Text.Encoding.UTF8, "application/json");
        using var answer = await http.PostAsync("workflow-definitions/uses-child/execute", content);
        var body = await answer.Content.ReadAsStringAsync();
        Assert.True(answer.IsSuccessStatusCode, $"execute answered {(int)answer.StatusCode}: {body}\n{server.Process.Output}");
        Assert.Equal("Finished", JsonNode.Parse(body)!["workflowState"]!["subStatus"]!.GetValue<string>());
    }

    private const string SharedChild = """
        {
          "definitionId": "shared-child", "name": "Shared child", "options": { "usableAsActivity": true },
          "root": { "id": "flow", "type": "Elsa.Flowchart", "version": 1, "connections": [],
            "activities": [ { "id": "say", "type": "Elsa.WriteLine", "version": 1,
              "text": { "typeName": "String", "expression": { "type": "Literal", "value": "child" } } } ] }
        }
        """;

    private const string UsesChild = """
        {
          "definitionId": "uses-child", "name": "uses-child",
          "root": { "id": "flow", "type": "Elsa.Flowchart", "version": 1, "connections": [],
            "activities": [ { "id": "child", "type": "SharedChild", "version": 1 } ] }
        }
        """;

    /// <summary>`recipeci serve` on database "running", with no workflow files of its own, once its API answers.</summary>
    private async Task<RunningServer> ServeAsync(params string[] extra)
    {
        const string apiKey = "import-cli-key-0123456789";
        var url = $"http://127.0.0.1:{FreePort.Next()}";
        var workflows = Directory.CreateDirectory(Path.Combine(_folder.Path, "no-flows")).FullName;
        var process = RecipeCiProcess.Start(
        [
            "serve", "--urls", url, "--Workflows:Folder", workflows, "--Ci:ApiKey", apiKey,
            "--Docker:Endpoint", "unix:///nonexistent/docker.sock", .. extra,
        ], Settings("running"), workingDirectory: _folder.Path);
        var api = new HttpClient { BaseAddress = new Uri(url + "/elsa/api/"), Timeout = TimeSpan.FromSeconds(60) };
        api.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", "ApiKey " + apiKey);
        var server = new RunningServer(process, api);
        try
        {
            (await HttpWait.UntilAnswersAsync(api, "workflow-instances?pageSize=1", TimeSpan.FromSeconds(90), () => process.Output)).Dispose();
            return server;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    private sealed record RunningServer(RecipeCiProcess Process, HttpClient Api) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            Api.Dispose();
            await Process.DisposeAsync();
        }
    }

    /// <summary>Elsa.Cron every second (six fields, seconds first) -> WriteLine.</summary>
    private const string EverySecond = """
        {
          "definitionId": "every-second",
          "name": "every-second",
          "root": {
            "id": "flow", "type": "Elsa.Flowchart", "version": 1,
            "activities": [
              { "id": "cron", "type": "Elsa.Cron", "version": 1, "customProperties": { "canStartWorkflow": true },
                "cronExpression": { "typeName": "String", "expression": { "type": "Literal", "value": "* * * * * *" } } },
              { "id": "say", "type": "Elsa.WriteLine", "version": 1,
                "text": { "typeName": "String", "expression": { "type": "Literal", "value": "tick" } } }
            ],
            "connections": [ { "source": { "activity": "cron", "port": "Done" }, "target": { "activity": "say", "port": "In" } } ]
          }
        }
        """;

    private static JsonObject Parse(string path) => JsonNode.Parse(File.ReadAllText(path).TrimStart('\uFEFF'))!.AsObject();

    private static List<string> ActivityIds(JsonObject definition) =>
        definition["root"]!["activities"]!.AsArray().Select(a => a!["id"]!.GetValue<string>()).Order(StringComparer.Ordinal).ToList();

    private async Task<(int Exit, string Output)> RecipeCiAsync(string database, params string[] args) =>
        await RecipeCiProcess.RunAsync(args, TimeSpan.FromMinutes(2), Settings(database));

    private Dictionary<string, string> Settings(string database) => new()
        {
            ["RECIPECI_DataDir"] = Path.Combine(_folder.Path, database),
            ["RECIPECI_Recipes__Root"] = Path.Combine(_folder.Path, "recipes"),
            ["RECIPECI_Recipes__TestsRoot"] = Path.Combine(_folder.Path, "recipe-tests"),
            ["RECIPECI_Snapshots__Root"] = Path.Combine(_folder.Path, "snapshots"),
            ["RECIPECI_Alerts__Root"] = Path.Combine(_folder.Path, "alerts"),
        };

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _folder.Dispose();
    }
}
