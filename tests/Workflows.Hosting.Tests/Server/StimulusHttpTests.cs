using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using TestKit;

namespace Workflows.Hosting.Tests.Server;

/// <summary>
/// Resuming waiting workflows over HTTP against a real <c>recipeci serve</c> (SQLite, in-memory bus): a request to a
/// mid-flow HttpEndpoint's path resumes it and answers from WriteHttpResponse; a request that arrives before the
/// instance reaches its endpoint (no bookmark committed yet) is queued and resumes it when it does; the
/// <c>/elsa/api/bookmarks/resume</c> API does the same for any bookmark, behind the API key, with JSON errors.
/// </summary>
[Trait("Category", "Services")]
public sealed class StimulusHttpTests(StimulusServer server) : IClassFixture<StimulusServer>
{
    private readonly ServerNode _node = server.Node;

    [Fact]
    public async Task A_request_to_a_waiting_endpoint_resumes_it_and_answers_from_WriteHttpResponse_after_the_commit()
    {
        var id = await _node.DispatchAsync("approval-now");
        await WaitForSubStatusAsync(id, "Suspended");

        using var anonymous = new HttpClient { BaseAddress = _node.BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
        using var response = await anonymous.PostAsync("workflows/approve-now", Json("""{"by":"bob"}"""));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(id, response.Headers.GetValues("x-workflow-instance-id").Single());
        Assert.Equal("bob", JsonNode.Parse(await response.Content.ReadAsStringAsync())!["approvedBy"]!.GetValue<string>());
        // Answered after the commit: the instance is finished as soon as the answer is in.
        var instance = await _node.InstanceAsync(id);
        Assert.Equal("Finished", instance["subStatus"]!.GetValue<string>());

        // Nothing waits there any more: a second request gets a JSON 404.
        using var again = await anonymous.PostAsync("workflows/approve-now", Json("""{"by":"eve"}"""));
        await AssertJsonErrorAsync(again, HttpStatusCode.NotFound, "not-found");
    }

    [Fact]
    public async Task A_request_arriving_before_its_bookmark_is_committed_is_queued_and_resumes_the_instance_once_it_gets_there()
    {
        var id = await _node.DispatchAsync("approval-later");
        await WaitForSubStatusAsync(id, "Executing");

        using var anonymous = new HttpClient { BaseAddress = _node.BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
        using var request = new HttpRequestMessage(HttpMethod.Post, "workflows/approve-later") { Content = Json("""{"by":"ann"}""") };
        request.Headers.Add("x-workflow-instance-id", id);
        using var response = await anonymous.SendAsync(request);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var receipt = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.True(receipt["queued"]!.GetValue<bool>(), receipt.ToJsonString());
        Assert.False(string.IsNullOrEmpty(receipt["stimulusId"]?.GetValue<string>()));
        Assert.NotEqual("Finished", (await _node.InstanceAsync(id))["status"]!.GetValue<string>());

        var finished = await _node.WaitFinishedAsync(id, TimeSpan.FromSeconds(90));
        Assert.Equal("Finished", finished["subStatus"]!.GetValue<string>());
        await AssertEndpointReceivedAsync(id, "approve", "ann");

        // The instance is done: naming it again is refused, naming the problem.
        using var late = new HttpRequestMessage(HttpMethod.Post, "workflows/approve-later") { Content = Json("""{"by":"x"}""") };
        late.Headers.Add("x-workflow-instance-id", id);
        using var lateResponse = await anonymous.SendAsync(late);
        var error = await AssertJsonErrorAsync(lateResponse, HttpStatusCode.NotFound, "no-waiting-endpoint");
        Assert.Contains(id, error);
        using var unknown = new HttpRequestMessage(HttpMethod.Post, "workflows/approve-later") { Content = Json("{}") };
        unknown.Headers.Add("x-workflow-instance-id", "does-not-exist");
        using var unknownResponse = await anonymous.SendAsync(unknown);
        Assert.Contains("does-not-exist", await AssertJsonErrorAsync(unknownResponse, HttpStatusCode.NotFound, "no-waiting-endpoint"));
    }

    [Fact]
    public async Task The_bookmark_resume_api_needs_credentials_names_bad_input_and_queues_a_stimulus_until_its_bookmark_exists()
    {
        using var anonymous = new HttpClient { BaseAddress = _node.BaseAddress };
        using var unauthorized = await anonymous.PostAsync("elsa/api/bookmarks/resume", Json("{}"));
        Assert.Equal(HttpStatusCode.Unauthorized, unauthorized.StatusCode);
        Assert.Equal("application/json", unauthorized.Content.Headers.ContentType?.MediaType);

        using var invalid = await _node.Client.PostAsync("elsa/api/bookmarks/resume", Json("{"));
        Assert.Contains("not valid JSON", await ExpectAsync(invalid, HttpStatusCode.BadRequest));
        using var empty = await _node.Client.PostAsync("elsa/api/bookmarks/resume", Json("{}"));
        Assert.Contains("bookmarkId", await ExpectAsync(empty, HttpStatusCode.BadRequest));
        using var unknownBookmark = await _node.Client.PostAsJsonAsync("elsa/api/bookmarks/resume", new { bookmarkId = "no-such-bookmark" });
        Assert.Contains("no-such-bookmark", await ExpectAsync(unknownBookmark, HttpStatusCode.NotFound));
        using var unknownInstance = await _node.Client.PostAsJsonAsync("elsa/api/bookmarks/resume", new { bookmarkName = "Elsa.HttpEndpoint", workflowInstanceId = "no-such-instance" });
        Assert.Contains("no-such-instance", await ExpectAsync(unknownInstance, HttpStatusCode.NotFound));
        using var badTtl = await _node.Client.PostAsJsonAsync("elsa/api/bookmarks/resume", new { bookmarkName = "Elsa.HttpEndpoint", timeToLiveSeconds = -1 });
        Assert.Contains("timeToLiveSeconds", await ExpectAsync(badTtl, HttpStatusCode.BadRequest));

        var id = await _node.DispatchAsync("approval-later");
        await WaitForSubStatusAsync(id, "Executing");
        using var resume = await _node.Client.PostAsJsonAsync("elsa/api/bookmarks/resume", new JsonObject
        {
            ["bookmarkName"] = "Elsa.HttpEndpoint",
            ["bookmarkPayload"] = new JsonObject { ["path"] = "approve-later", ["method"] = "POST" },
            ["workflowInstanceId"] = id,
            ["input"] = new JsonObject { ["body"] = new JsonObject { ["by"] = "api" } },
        });
        var receipt = JsonNode.Parse(await ExpectAsync(resume, HttpStatusCode.Accepted))!;
        Assert.True(receipt["queued"]!.GetValue<bool>(), receipt.ToJsonString());

        var finished = await _node.WaitFinishedAsync(id, TimeSpan.FromSeconds(90));
        Assert.Equal("Finished", finished["subStatus"]!.GetValue<string>());
        await AssertEndpointReceivedAsync(id, "approve", "api");
        using var afterwards = await _node.Client.PostAsJsonAsync("elsa/api/bookmarks/resume", new { bookmarkName = "Elsa.HttpEndpoint", workflowInstanceId = id });
        Assert.Contains("Finished", await ExpectAsync(afterwards, HttpStatusCode.Conflict));
    }

    /// <summary>The endpoint completed exactly once, with the body the request carried.</summary>
    private async Task AssertEndpointReceivedAsync(string id, string activityId, string by)
    {
        var journal = await _node.JournalAsync(id);
        Assert.Equal(1, JournalAssertions.Count(journal, "Resumed"));
        var executions = (await _node.GetAsync($"activity-executions/list?workflowInstanceId={id}"))["items"]!.AsArray();
        var endpoint = Assert.Single(executions, e => e!["activityId"]!.GetValue<string>() == activityId && e["status"]!.GetValue<string>() == "Completed");
        Assert.Contains($"\"by\":\"{by}\"", endpoint!["outputs"]!.ToJsonString());
    }

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    private static async Task<string> ExpectAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"expected {(int)status}, got {(int)response.StatusCode}: {body}");
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        return body;
    }

    private static async Task<string> AssertJsonErrorAsync(HttpResponseMessage response, HttpStatusCode status, string error)
    {
        var body = await ExpectAsync(response, status);
        Assert.Equal(error, JsonNode.Parse(body)!["error"]!.GetValue<string>());
        return body;
    }

    private Task WaitForSubStatusAsync(string id, string subStatus) =>
        Eventually.UntilAsync(async () => (await _node.InstanceAsync(id))["subStatus"]!.GetValue<string>(), seen => seen == subStatus,
            TimeSpan.FromSeconds(60), seen => $"{id} is {seen}, never became {subStatus}", TimeSpan.FromMilliseconds(100));
}

/// <summary>One server for the stimulus tests: a flow waiting at an endpoint at once, and one that gets there after a long step.</summary>
public sealed class StimulusServer : IAsyncLifetime
{
    private ServerCluster _cluster = null!;

    public ServerNode Node { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        _cluster = ServerCluster.CreateSqlite();
        _cluster.AddWorkflow("approval-now", ServerWorkflows.WithVariable(ServerWorkflows.Chain("approval-now",
            ServerWorkflows.HttpEndpoint("approve", "approve-now", "body", "POST"),
            ServerWorkflows.WriteHttpResponse("answer", 200, "return { approvedBy: getBody().by };")), "body", "Body"));
        // The long first step keeps the instance from reaching its endpoint (no bookmark) while the request arrives.
        _cluster.AddWorkflow("approval-later", ServerWorkflows.WithVariable(ServerWorkflows.Chain("approval-later",
            ServerWorkflows.SlowStep("prepare", 8_000),
            ServerWorkflows.HttpEndpoint("approve", "approve-later", "body", "POST"),
            ServerWorkflows.WriteLine("done", "approved")), "body", "Body"));
        Node = await _cluster.StartNodeAsync("stimulus-node");
    }

    public async Task DisposeAsync() => await _cluster.DisposeAsync();
}
