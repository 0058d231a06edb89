using System.Net;
using System.Text;
using System.Text.Json.Nodes;

namespace Workflows.Hosting.Tests.Server;

/// <summary>
/// Issue 16, finding 2: a published HTTP-endpoint workflow whose JavaScript recursed inside JSON.stringify ended
/// <c>recipeci serve</c> with "Stack overflow." (exit 134), and every restart died again when recovery re-ran it. Now
/// the script faults its activity with the reason; the server keeps answering, also after a restart.
/// </summary>
public sealed class ExpressionContainmentTests
{
    private const string DeepStringify = "var o={};for(var i=0;i<200000;i++)o={o:o};return JSON.stringify(o).length;";

    [Fact]
    public async Task A_script_recursing_inside_JSON_stringify_faults_its_activity_and_serve_keeps_answering_also_after_a_restart()
    {
        // Room for the 200,000-level object (memory, time, statements), so what stops the script is the stack guard
        // inside JSON.stringify, as in the issue, and not an earlier limit.
        await using var cluster = ServerCluster.CreateSqlite([
            "--Workflows:JavaScript:MemoryLimitMegabytes", "512", "--Workflows:JavaScript:TimeoutMilliseconds", "120000",
            "--Workflows:JavaScript:MaxStatements", "10000000"]);
        cluster.AddWorkflow("deep-json", Endpoint("deep-json", "deep-json", DeepStringify));
        var node = await cluster.StartNodeAsync("node-a");

        var first = await CallAndExpectAFaultAsync(node);
        await AssertAnswersHealthAsync(node);

        await node.KillAsync();
        node = await cluster.StartNodeAsync("node-a");
        Assert.Equal("Faulted", (await node.InstanceAsync(first))["subStatus"]!.GetValue<string>());
        await CallAndExpectAFaultAsync(node);
        await AssertAnswersHealthAsync(node);
        Assert.False(node.HasExited, node.Output);
    }

    /// <summary>POSTs to the endpoint; the answer is an error, the instance Faulted with the stack reason. Returns its id.</summary>
    private static async Task<string> CallAndExpectAFaultAsync(ServerNode node)
    {
        using var response = await node.Client.PostAsync("workflows/deep-json", new StringContent("{}", Encoding.UTF8, "application/json"));
        Assert.False(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        var page = await node.GetAsync("workflow-instances?definitionId=deep-json&pageSize=50");
        var faulted = page["items"]!.AsArray().Select(i => i!["id"]!.GetValue<string>()).ToList();
        Assert.NotEmpty(faulted);
        string? newest = null;
        foreach (var id in faulted)
        {
            var instance = await node.InstanceAsync(id);
            Assert.Equal("Faulted", instance["subStatus"]!.GetValue<string>());
            var incident = Assert.Single(instance["workflowState"]!["incidents"]!.AsArray());
            Assert.Equal("respond", incident!["activityId"]!.GetValue<string>());
            var message = incident["message"]!.GetValue<string>();
            Assert.True(message.Contains("Maximum call stack size exceeded", StringComparison.Ordinal), message);
            newest = id;
        }
        return newest!;
    }

    private static async Task AssertAnswersHealthAsync(ServerNode node)
    {
        // Docker is unreachable in these test servers, so the answer may be 503: what matters is that the process answers.
        using var response = await node.Client.GetAsync("health");
        Assert.True(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.ServiceUnavailable, $"/health answered {(int)response.StatusCode}");
        Assert.False(node.HasExited, node.Output);
    }

    private static string Endpoint(string definitionId, string path, string javaScript) => new JsonObject
    {
        ["definitionId"] = definitionId,
        ["name"] = definitionId,
        ["isPublished"] = true,
        ["root"] = new JsonObject
        {
            ["id"] = "flow", ["type"] = "Elsa.Flowchart", ["version"] = 1,
            ["activities"] = new JsonArray
            {
                Activity("endpoint", "Elsa.HttpEndpoint", true, new JsonObject
                {
                    ["path"] = Expression("String", "Literal", path),
                    ["supportedMethods"] = Expression("List<String>", "Literal", "[\"POST\"]"),
                    ["authorize"] = Expression("Boolean", "Literal", false),
                }),
                Activity("respond", "Elsa.WriteHttpResponse", false, new JsonObject
                {
                    ["statusCode"] = Expression("Int32", "Literal", 200),
                    ["contentType"] = Expression("String", "Literal", "application/json"),
                    ["content"] = Expression("Object", "JavaScript", javaScript),
                }),
            },
            ["connections"] = new JsonArray
            {
                new JsonObject
                {
                    ["source"] = new JsonObject { ["activity"] = "endpoint", ["port"] = "Done" },
                    ["target"] = new JsonObject { ["activity"] = "respond", ["port"] = "In" },
                },
            },
        },
    }.ToJsonString();

    private static JsonObject Activity(string id, string type, bool startsWorkflow, JsonObject inputs)
    {
        var activity = new JsonObject
        {
            ["id"] = id, ["type"] = type, ["version"] = 1, ["name"] = id,
            ["customProperties"] = new JsonObject { ["canStartWorkflow"] = startsWorkflow },
        };
        foreach (var (name, value) in inputs)
            activity[name] = value?.DeepClone();
        return activity;
    }

    private static JsonObject Expression(string typeName, string type, JsonNode? value) => new()
    {
        ["typeName"] = typeName,
        ["expression"] = new JsonObject { ["type"] = type, ["value"] = value },
    };
}
