using System.Net.Http.Json;
using System.Text.Json.Nodes;
using TestKit;

namespace RecipeCi.Tests.Cli;

/// <summary>
/// <c>recipeci runs list|show|journal|cancel|retry --json</c> against a real <c>recipeci serve</c> (SQLite), and the
/// refusal of a multi-node configuration on SQLite.
/// </summary>
public sealed class RunsCommandTests
{
    private const string ApiKey = "runs-cli-test-key-0123456789";

    [Fact]
    public async Task Runs_commands_list_show_journal_cancel_and_retry_instances_of_a_real_server()
    {
        using var folder = new TempFolder("runs-cli");
        var workflows = Directory.CreateDirectory(Path.Combine(folder.Path, "workflows")).FullName;
        await File.WriteAllTextAsync(Path.Combine(workflows, "quick.json"), Flow("quick", Activity("hello", "Elsa.WriteLine", "text", "String", "hi")));
        await File.WriteAllTextAsync(Path.Combine(workflows, "faults.json"), Flow("faults", Activity("boom", "Elsa.Fault", "message", "String", "deliberate")));
        await File.WriteAllTextAsync(Path.Combine(workflows, "pauses.json"), Flow("pauses", Activity("wait", "Elsa.HttpEndpoint", "path", "String", "never-called")));
        var url = $"http://127.0.0.1:{FreePort.Next()}";
        await using var server = RecipeCiProcess.Start(
        [
            "serve", "--urls", url, "--DataDir", Path.Combine(folder.Path, "data"), "--Workflows:Folder", workflows,
            "--Ci:ApiKey", ApiKey, "--Docker:Endpoint", "unix:///nonexistent/docker.sock",
        ], workingDirectory: folder.Path);
        using var http = new HttpClient { BaseAddress = new Uri(url + "/elsa/api/"), Timeout = TimeSpan.FromSeconds(60) };
        http.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", "ApiKey " + ApiKey);
        await WaitForServerAsync(http, server);

        var quick = await DispatchAsync(http, "quick");
        var faults = await DispatchAsync(http, "faults");
        var pauses = await DispatchAsync(http, "pauses");
        await WaitForSubStatusAsync(url, quick, "Finished");
        await WaitForSubStatusAsync(url, faults, "Faulted");
        await WaitForSubStatusAsync(url, pauses, "Suspended");

        var list = await RunsJsonAsync(url, "list");
        var listed = list["items"]!.AsArray().Select(i => i!["id"]!.GetValue<string>()).ToList();
        Assert.Contains(quick, listed);
        Assert.Contains(faults, listed);
        Assert.Contains(pauses, listed);
        var faulted = await RunsJsonAsync(url, "list", "--sub-status", "Faulted");
        Assert.Equal([faults], faulted["items"]!.AsArray().Select(i => i!["id"]!.GetValue<string>()));

        var shown = await RunsJsonAsync(url, "show", quick);
        Assert.Equal(quick, shown["id"]!.GetValue<string>());
        Assert.Equal("quick", shown["definitionId"]!.GetValue<string>());
        Assert.Equal("Finished", shown["status"]!.GetValue<string>());

        var journal = await RunsJsonAsync(url, "journal", quick);
        var events = journal["items"]!.AsArray().Select(r => r!["eventName"]!.GetValue<string>()).ToList();
        Assert.Equal("WorkflowStarted", events[0]);
        Assert.Equal("WorkflowFinished", events[^1]);
        Assert.Contains(journal["items"]!.AsArray(), r => r!["activityId"]?.GetValue<string>() == "hello" && r["eventName"]!.GetValue<string>() == "Completed");

        var cancelled = await RunsJsonAsync(url, "cancel", pauses);
        Assert.Equal("Finished", cancelled["status"]!.GetValue<string>());
        Assert.Equal("Cancelled", cancelled["subStatus"]!.GetValue<string>());

        var retry = await RunsJsonAsync(url, "retry", faults);
        Assert.True(retry["items"]![0]!["retried"]!.GetValue<bool>());
        // The Fault activity faults again: the retry ran (a second incident-producing attempt is journalled).
        await WaitForSubStatusAsync(url, faults, "Faulted", journalEvent: "WorkflowRetrying");

        var (notRetried, output) = await RunsAsync(url, "retry", quick);
        Assert.Equal(1, notRetried);
        Assert.Contains($"{quick} was not retried", output);
        var (missing, _) = await RunsAsync(url, "show", "no-such-instance");
        Assert.NotEqual(0, missing);
    }

    [Theory]
    [InlineData("--Runtime:Nodes", "2", "Runtime:Nodes = 2")]
    [InlineData("--Bus:Transport", "RabbitMq", "Bus:Transport = RabbitMq")]
    public async Task Several_nodes_on_sqlite_are_refused_at_start_naming_both_keys(string flag, string value, string named)
    {
        using var data = new TempFolder("serve-multi");
        var (exitCode, output) = await RecipeCiProcess.RunAsync(["serve", "--urls", $"http://127.0.0.1:{FreePort.Next()}", "--DataDir", data.Path, flag, value]);
        Assert.Equal(2, exitCode);
        Assert.Contains(named, output);
        Assert.Contains("Persistence:Provider is Sqlite", output);
    }

    private static async Task<(int ExitCode, string Output)> RunsAsync(string url, params string[] args) =>
        await RecipeCiProcess.RunAsync(["runs", .. args, "--server", url, "--api-key", ApiKey]);

    private static async Task<JsonNode> RunsJsonAsync(string url, params string[] args)
    {
        var (exitCode, output) = await RunsAsync(url, [.. args, "--json"]);
        Assert.True(exitCode == 0, $"recipeci runs {string.Join(' ', args)}: exit {exitCode}\n{output}");
        return JsonNode.Parse(output) ?? throw new InvalidOperationException($"no JSON from runs {string.Join(' ', args)}");
    }

    private static Task WaitForSubStatusAsync(string url, string id, string subStatus, string? journalEvent = null) =>
        Eventually.UntilAsync(async () =>
            {
                var instance = await RunsJsonAsync(url, "show", id);
                var journalled = journalEvent is null
                                 || (await RunsJsonAsync(url, "journal", id))["items"]!.AsArray().Any(r => r!["eventName"]!.GetValue<string>() == journalEvent);
                return (SubStatus: instance["subStatus"]!.GetValue<string>(), Journalled: journalled);
            },
            seen => seen.SubStatus == subStatus && seen.Journalled, TimeSpan.FromSeconds(60),
            seen => $"{id} is {seen.SubStatus}, not {subStatus}" + (seen.Journalled ? "" : $" (no {journalEvent} in its journal)"),
            TimeSpan.FromMilliseconds(250));

    private static async Task<string> DispatchAsync(HttpClient http, string definitionId)
    {
        using var response = await http.PostAsJsonAsync($"workflow-definitions/{definitionId}/dispatch", new JsonObject { ["input"] = new JsonObject() });
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"dispatch {definitionId}: {(int)response.StatusCode} {body}");
        return JsonNode.Parse(body)!["workflowInstanceId"]!.GetValue<string>();
    }

    private static Task WaitForServerAsync(HttpClient http, RecipeCiProcess server) =>
        Eventually.UntilAsync<bool, HttpRequestException>(async () =>
            {
                if (server.HasExited)
                    throw new InvalidOperationException($"recipeci serve exited at start:\n{server.Output}");
                using var response = await http.GetAsync("workflow-instances?pageSize=1");
                return response.IsSuccessStatusCode;
            },
            ok => ok, TimeSpan.FromSeconds(90), () => $"recipeci serve did not answer:\n{server.Output}");

    private static string Flow(string definitionId, JsonObject step) => new JsonObject
    {
        ["definitionId"] = definitionId,
        ["name"] = definitionId,
        ["root"] = new JsonObject
        {
            ["id"] = "flow", ["type"] = "Elsa.Flowchart", ["version"] = 1,
            ["activities"] = new JsonArray
            {
                new JsonObject { ["id"] = "start", ["type"] = "Elsa.Start", ["version"] = 1, ["customProperties"] = new JsonObject { ["canStartWorkflow"] = true } },
                step,
            },
            ["connections"] = new JsonArray
            {
                new JsonObject
                {
                    ["source"] = new JsonObject { ["activity"] = "start", ["port"] = "Done" },
                    ["target"] = new JsonObject { ["activity"] = step["id"]!.GetValue<string>(), ["port"] = "In" },
                },
            },
        },
    }.ToJsonString();

    private static JsonObject Activity(string id, string type, string input, string typeName, string value) => new()
    {
        ["id"] = id, ["type"] = type, ["version"] = 1, ["name"] = id,
        [input] = new JsonObject { ["typeName"] = typeName, ["expression"] = new JsonObject { ["type"] = "Literal", ["value"] = value } },
    };
}
