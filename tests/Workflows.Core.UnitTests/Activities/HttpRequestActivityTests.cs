using System.Text.Json.Nodes;
using Workflows.Core.Persistence;
using Workflows.Core.UnitTests.Support;

namespace Workflows.Core.UnitTests.Activities;

/// <summary>FlowSendHttpRequest and SendHttpRequest against a real HTTP server on 127.0.0.1.</summary>
public sealed class HttpRequestActivityTests
{
    [Fact]
    public async Task FlowSendHttpRequest_continues_on_the_expected_status_code_and_Done_with_the_parsed_JSON()
    {
        await using var server = new LoopbackHttpServer();
        var test = new TestHost();
        var result = await test.RunAsync(ActivityFixtures.Read("http-flow-request.json"), new JsonObject { ["Url"] = server.Url("ok") });
        Assert.Equal(WorkflowSubStatus.Finished, result.SubStatus);
        Assert.Equal(["ok {\"status\":\"green\"}", "done"], test.Lines.Texts);
        Assert.Equal(200, JsonNode.Parse(result.VariablesJson)!["Status"]!.GetValue<int>());
        var request = Assert.Single(server.Requests);
        Assert.Equal(("GET", "ok", "Bearer ci-token", "run-7"), (request.Method, request.Path, request.Authorization, request.RunHeader));
        var record = (await test.ExecutionsAsync(result.Id)).Single(e => e.ActivityType == "Elsa.FlowSendHttpRequest");
        Assert.Equal("[\"200\",\"Done\"]", record.OutcomesJson);
    }

    [Fact]
    public async Task FlowSendHttpRequest_posts_its_content_and_takes_the_201_port()
    {
        await using var server = new LoopbackHttpServer();
        var test = new TestHost();
        var result = await test.RunAsync(ActivityFixtures.Read("http-flow-request.json"),
            new JsonObject { ["Url"] = server.Url("echo"), ["Method"] = "POST", ["Body"] = "deploy please" });
        Assert.Equal(["created deploy please", "done"], test.Lines.Texts);
        Assert.Equal(("POST", "deploy please"), (server.Requests[0].Method, server.Requests[0].Body));
        Assert.Equal(WorkflowSubStatus.Finished, result.SubStatus);
    }

    [Fact]
    public async Task FlowSendHttpRequest_reports_an_unexpected_code_and_a_refused_connection_as_outcomes()
    {
        await using var server = new LoopbackHttpServer();
        var test = new TestHost();
        await test.RunAsync(ActivityFixtures.Read("http-flow-request.json"), new JsonObject { ["Url"] = server.Url("missing") });
        Assert.Equal(["unmatched 404", "done"], test.Lines.Texts);

        var refused = new TestHost();
        var result = await refused.RunAsync(ActivityFixtures.Read("http-flow-request.json"), new JsonObject { ["Url"] = $"http://127.0.0.1:{TestKit.FreePort.Next()}/ok" });
        Assert.Equal(WorkflowSubStatus.Finished, result.SubStatus);
        Assert.Equal(["down"], refused.Lines.Texts); // no response: neither a status port nor Done
    }

    [Theory]
    [InlineData("ok", "got 200")]
    [InlineData("missing", "other 404")]
    [InlineData(null, "no connection")]
    public async Task SendHttpRequest_runs_the_activity_of_the_matching_case(string? path, string line)
    {
        await using var server = new LoopbackHttpServer();
        var url = path is null ? $"http://127.0.0.1:{TestKit.FreePort.Next()}/" : server.Url(path);
        var test = new TestHost();
        var result = await test.RunAsync(ActivityFixtures.Read("http-request.json"), new JsonObject { ["Url"] = url });
        Assert.Equal(WorkflowSubStatus.Finished, result.SubStatus);
        Assert.Equal([line, "after"], test.Lines.Texts);
    }
}
