using TestKit;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Workflows.Hosting.Tests.Support;

namespace Workflows.Hosting.Tests.Server;

/// <summary>The run API of a real single-node server (SQLite, in-memory bus): dispatch, execute, list, journal, cancel, retry, auth.</summary>
[Trait("Category", "Services")]
public sealed class RunApiTests(RunApiServer server) : IClassFixture<RunApiServer>
{
    private readonly ServerNode _node = server.Node;

    [Fact]
    public async Task Without_credentials_the_run_api_answers_401_json()
    {
        using var anonymous = new HttpClient { BaseAddress = _node.BaseAddress };
        foreach (var (method, path) in new[] { ("POST", "elsa/api/workflow-definitions/hello/dispatch"), ("GET", "elsa/api/workflow-instances"), ("POST", "elsa/api/cancel/workflow-instances/x") })
        {
            using var response = await anonymous.SendAsync(new HttpRequestMessage(new HttpMethod(method), path) { Content = method == "POST" ? JsonContent.Create(new { }) : null });
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        }
    }

    [Fact]
    public async Task Execute_runs_to_completion_and_answers_the_state_with_the_instance_header()
    {
        using var response = await _node.Client.PostAsJsonAsync("elsa/api/workflow-definitions/hello/execute", new { correlationId = "exec-1", input = new { a = 1 } });
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var id = response.Headers.GetValues("x-elsa-workflow-instance-id").Single();
        Assert.Equal(id, body["workflowState"]!["id"]!.GetValue<string>());
        Assert.Equal("Finished", body["workflowState"]!["subStatus"]!.GetValue<string>());
        Assert.Equal(1, body["workflowState"]!["input"]!["a"]!.GetValue<int>());

        using var missing = await _node.Client.PostAsJsonAsync("elsa/api/workflow-definitions/nope/execute", new { });
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal("true", missing.Headers.GetValues("x-elsa-workflow-cannot-start").Single());
    }

    [Fact]
    public async Task A_draft_saved_again_runs_as_saved_not_as_its_first_run_compiled_it()
    {
        var client = _node.Client;
        var model = Support.SampleDefinitions.Greeting("", "Redrafted");
        var (_, first) = await client.PostJsonAsync("/elsa/api/workflow-definitions", ApiClientExtensions.SaveRequest(model, publish: false));
        var definitionId = first!["workflowDefinition"].Str("definitionId");
        var execute = $"/elsa/api/workflow-definitions/{definitionId}/execute";
        var (_, ran) = await client.PostJsonAsync(execute, new JsonObject { ["versionOptions"] = "Latest" });
        Assert.True(Greeted(ran));

        // The same draft version (same id), saved without the SetVariable step.
        model["definitionId"] = definitionId;
        var flow = model["root"]!.AsObject();
        flow["activities"] = new JsonArray(flow["activities"]!.AsArray().Where(a => a.Str("id") != "set1").Select(a => a!.DeepClone()).ToArray());
        flow["connections"] = new JsonArray(
            flow["connections"]!.AsArray()[0]!.DeepClone(),
            new JsonObject
            {
                ["source"] = new JsonObject { ["activity"] = "write1", ["port"] = "Done" },
                ["target"] = new JsonObject { ["activity"] = "end1", ["port"] = "In" },
            });
        var (_, second) = await client.PostJsonAsync("/elsa/api/workflow-definitions", ApiClientExtensions.SaveRequest(model, publish: false));
        Assert.Equal(first["workflowDefinition"].Str("id"), second!["workflowDefinition"].Str("id"));

        var (_, again) = await client.PostJsonAsync(execute, new JsonObject { ["versionOptions"] = "Latest" });
        Assert.False(Greeted(again));

        static bool? Greeted(JsonNode? response) => response?["workflowState"]?["variables"]?["Greeted"]?.GetValue<bool>();
    }

    [Fact]
    public async Task Dispatched_instances_are_listed_with_filters_and_paging_and_have_a_journal_and_activity_executions()
    {
        var correlation = "list-" + Guid.NewGuid().ToString("N")[..8];
        var ids = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            using var dispatch = await _node.Client.PostAsJsonAsync("elsa/api/workflow-definitions/hello/dispatch", new { correlationId = correlation });
            ids.Add(JsonNode.Parse(await dispatch.Content.ReadAsStringAsync())!["workflowInstanceId"]!.GetValue<string>());
        }
        foreach (var id in ids)
            await _node.WaitFinishedAsync(id, TimeSpan.FromSeconds(30));

        var page0 = await _node.GetAsync($"workflow-instances?correlationId={correlation}&statuses=Finished&page=0&pageSize=2");
        Assert.Equal(3, page0["totalCount"]!.GetValue<int>());
        Assert.Equal(2, page0["items"]!.AsArray().Count);
        var page1 = await _node.GetAsync($"workflow-instances?correlationId={correlation}&page=1&pageSize=2");
        Assert.Single(page1["items"]!.AsArray());
        var none = await _node.GetAsync($"workflow-instances?correlationId={correlation}&subStatuses=Faulted");
        Assert.Equal(0, none["totalCount"]!.GetValue<int>());
        using var bad = await _node.Client.GetAsync("elsa/api/workflow-instances?statuses=Sleeping");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);

        var journal = await _node.JournalAsync(ids[0]);
        Assert.Equal("WorkflowStarted", journal[0]["eventName"]!.GetValue<string>());
        Assert.Equal("WorkflowFinished", journal[^1]["eventName"]!.GetValue<string>());
        using var filtered = await _node.Client.PostAsJsonAsync($"elsa/api/workflow-instances/{ids[0]}/journal", new { eventNames = new[] { "Completed" } });
        var completed = JsonNode.Parse(await filtered.Content.ReadAsStringAsync())!["items"]!.AsArray();
        Assert.All(completed, r => Assert.Equal("Completed", r!["eventName"]!.GetValue<string>()));
        Assert.Contains(completed, r => r!["activityId"]?.GetValue<string>() == "work");

        var executions = (await _node.GetAsync($"activity-executions/list?workflowInstanceId={ids[0]}"))["items"]!.AsArray();
        Assert.Contains(executions, e => e!["activityId"]!.GetValue<string>() == "say" && e["status"]!.GetValue<string>() == "Completed");
        using var unknown = await _node.Client.GetAsync("elsa/api/workflow-instances/does-not-exist");
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    [Fact]
    public async Task The_call_stack_of_an_activity_runs_from_the_root_through_its_containers_and_the_parent_workflows_dispatch()
    {
        using var run = await _node.Client.PostAsJsonAsync("elsa/api/workflow-definitions/calls-hello/execute", new { });
        var parentId = run.Headers.GetValues("x-elsa-workflow-instance-id").Single();
        // The parent finishes only after its child did.
        Assert.Equal("Finished", (await _node.WaitFinishedAsync(parentId, TimeSpan.FromMinutes(1)))["subStatus"]!.GetValue<string>());
        var children = (await _node.GetAsync("workflow-instances?pageSize=100"))["items"]!.AsArray()
            .Where(i => i!["definitionId"]!.GetValue<string>() == "hello").ToList();
        var childId = (await Task.WhenAll(children.Select(async c => await _node.GetAsync($"workflow-instances/{c!["id"]}"))))
            .Single(i => i["parentWorkflowInstanceId"]?.GetValue<string>() == parentId)["id"]!.GetValue<string>();
        var say = (await _node.GetAsync($"activity-executions/list?workflowInstanceId={childId}"))["items"]!.AsArray()
            .Single(e => e!["activityId"]!.GetValue<string>() == "say")!["id"]!.GetValue<string>();

        // Root first: the parent's flowchart and its DispatchWorkflow, then the child's flowchart and the activity.
        var stack = await _node.GetAsync($"activity-executions/{say}/call-stack");
        Assert.Equal(say, stack["activityExecutionId"]!.GetValue<string>());
        Assert.Equal(4, stack["totalCount"]!.GetValue<int>());
        Assert.Equal(["Elsa.Flowchart", "Elsa.DispatchWorkflow", "Elsa.Flowchart", "Elsa.WriteLine"],
            stack["items"]!.AsArray().Select(e => e!["activityType"]!.GetValue<string>()));
        Assert.Equal([parentId, parentId, childId, childId], stack["items"]!.AsArray().Select(e => e!["workflowInstanceId"]!.GetValue<string>()));

        var own = await _node.GetAsync($"activity-executions/{say}/call-stack?includeCrossWorkflowChain=false&skip=1&take=5");
        Assert.Equal(2, own["totalCount"]!.GetValue<int>());
        Assert.Equal("say", Assert.Single(own["items"]!.AsArray())!["activityId"]!.GetValue<string>());

        using var missing = await _node.Client.GetAsync("elsa/api/activity-executions/nope/call-stack");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        using var badPaging = await _node.Client.GetAsync($"elsa/api/activity-executions/{say}/call-stack?take=0");
        Assert.Equal(HttpStatusCode.BadRequest, badPaging.StatusCode);
    }

    [Fact]
    public async Task The_instance_viewer_calls_answer_Elsa_shapes_from_the_stored_run()
    {
        using var run = await _node.Client.PostAsJsonAsync("elsa/api/workflow-definitions/hello/execute", new { });
        var id = run.Headers.GetValues("x-elsa-workflow-instance-id").Single();

        // What Studio's journal sends: the filter nested under "filter", paging as skip/take in the query.
        using var journalResponse = await _node.Client.PostAsJsonAsync($"elsa/api/workflow-instances/{id}/journal?skip=1&take=3",
            new { filter = new { excludedActivityTypes = new[] { "Elsa.Workflow", "Elsa.Flowchart" } } });
        var journal = JsonNode.Parse(await journalResponse.Content.ReadAsStringAsync())!;
        // Started and Completed of start, say, work and end; the workflow's own and the flowchart's events are excluded.
        Assert.Equal(8, journal["totalCount"]!.GetValue<int>());
        var entries = journal["items"]!.AsArray();
        Assert.Equal(["start:Completed", "say:Started", "say:Completed"],
            entries.Select(e => $"{e!["activityId"]}:{e["eventName"]}"));
        var say = entries[2]!;
        Assert.Equal("Elsa.WriteLine", say["activityType"]!.GetValue<string>());
        Assert.Equal(1, say["activityTypeVersion"]!.GetValue<int>());
        Assert.False(string.IsNullOrEmpty(say["activityName"]?.GetValue<string>()));
        var sayNode = say["nodeId"]!.GetValue<string>();

        var summaries = (await _node.GetAsync($"activity-execution-summaries/list?WorkflowInstanceId={id}&ActivityNodeId={Uri.EscapeDataString(sayNode)}"))["items"]!.AsArray();
        var summary = Assert.Single(summaries)!;
        Assert.Equal("Completed", summary["status"]!.GetValue<string>());
        var record = await _node.GetAsync($"activity-executions/by-id?id={summary["id"]}");
        Assert.Equal("say", record["activityId"]!.GetValue<string>());
        Assert.Equal("Done", record["payload"]!["Outcomes"]![0]!.GetValue<string>());
        Assert.Null(record["exception"]);
        using var missing = await _node.Client.GetAsync("elsa/api/activity-executions/by-id?id=nope");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);

        using var reportResponse = await _node.Client.PostAsJsonAsync("elsa/api/activity-executions/report",
            new { workflowInstanceId = id, activityNodeIds = new[] { sayNode, "not-a-node" } });
        var stats = Assert.Single(JsonNode.Parse(await reportResponse.Content.ReadAsStringAsync())!["stats"]!.AsArray())!;
        Assert.Equal(sayNode, stats["activityNodeId"]!.GetValue<string>());
        Assert.Equal(1, stats["startedCount"]!.GetValue<int>());
        Assert.Equal(1, stats["completedCount"]!.GetValue<int>());
        Assert.False(stats["isFaulted"]!.GetValue<bool>());

        var variables = await _node.GetAsync($"workflow-instances/{id}/variables");
        Assert.NotNull(variables["items"]);
    }

    [Fact]
    public async Task Cancel_ends_a_suspended_and_a_running_instance_cancelled()
    {
        var waiting = await _node.DispatchAsync("waits");
        var running = await _node.DispatchAsync("busy");
        await WaitForSubStatusAsync(waiting, "Suspended");
        await WaitForSubStatusAsync(running, "Executing");

        foreach (var id in new[] { waiting, running })
        {
            using var cancel = await _node.Client.PostAsync($"elsa/api/cancel/workflow-instances/{id}", null);
            Assert.Equal(HttpStatusCode.OK, cancel.StatusCode);
            var instance = await _node.WaitFinishedAsync(id, TimeSpan.FromSeconds(15));
            Assert.Equal("Cancelled", instance["subStatus"]!.GetValue<string>());
        }
        using var missing = await _node.Client.PostAsync("elsa/api/cancel/workflow-instances/does-not-exist", null);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Fact]
    public async Task Retry_reschedules_the_incident_activity_of_a_faulted_instance()
    {
        var id = await _node.DispatchAsync("fails");
        var faulted = await _node.WaitFinishedAsync(id, TimeSpan.FromSeconds(30));
        Assert.Equal("Faulted", faulted["subStatus"]!.GetValue<string>());
        Assert.Equal(1, faulted["incidentCount"]!.GetValue<int>());

        using var retry = await _node.Client.PostAsJsonAsync("elsa/api/alterations/workflows/retry", new { workflowInstanceIds = new[] { id, "does-not-exist" } });
        var results = JsonNode.Parse(await retry.Content.ReadAsStringAsync())!["items"]!.AsArray();
        Assert.True(results[0]!["retried"]!.GetValue<bool>(), results.ToJsonString());
        Assert.False(results[1]!["retried"]!.GetValue<bool>());

        // The fault activity runs again (and, being Elsa.Fault, faults again); the step before it does not.
        var journal = await Eventually.UntilAsync(() => _node.JournalAsync(id), j => JournalAssertions.Count(j, "Faulted", "boom") >= 2,
            TimeSpan.FromSeconds(30), j => $"'boom' faulted {JournalAssertions.Count(j, "Faulted", "boom")} times, expected 2");
        Assert.Equal(2, JournalAssertions.Count(journal, "Faulted", "boom"));
        Assert.Equal(1, JournalAssertions.Count(journal, "WorkflowRetrying"));
        Assert.Equal(1, JournalAssertions.Count(journal, "Completed", "before"));
        var after = await _node.WaitFinishedAsync(id, TimeSpan.FromSeconds(10));
        Assert.Equal("Faulted", after["subStatus"]!.GetValue<string>());
    }

    private async Task WaitForSubStatusAsync(string id, string subStatus)
    {
        await Eventually.UntilAsync(() => _node.InstanceAsync(id), instance => instance["subStatus"]!.GetValue<string>() == subStatus,
            TimeSpan.FromSeconds(30), instance => $"{id} never became {subStatus}: {instance.ToJsonString()}", TimeSpan.FromMilliseconds(100));
    }
}

/// <summary>One server for all run API tests (each test uses its own instances).</summary>
public sealed class RunApiServer : IAsyncLifetime
{
    private ServerCluster _cluster = null!;

    public ServerNode Node { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        _cluster = ServerCluster.CreateSqlite();
        _cluster.AddWorkflow("hello", ServerWorkflows.Chain("hello", ServerWorkflows.WriteLine("say", "hello"), ServerWorkflows.SlowStep("work", 20)));
        _cluster.AddWorkflow("calls-hello", ServerWorkflows.Chain("calls-hello", ServerWorkflows.DispatchAndWait("call", "hello")));
        _cluster.AddWorkflow("waits", ServerWorkflows.Chain("waits", ServerWorkflows.Delay("wait", TimeSpan.FromMinutes(10))));
        _cluster.AddWorkflow("busy", ServerWorkflows.Chain("busy", ServerWorkflows.SlowStep("long", 60_000)));
        _cluster.AddWorkflow("fails", ServerWorkflows.Chain("fails", ServerWorkflows.WriteLine("before", "x"), ServerWorkflows.Fault("boom", "it broke")));
        Node = await _cluster.StartNodeAsync("api-node");
    }

    public async Task DisposeAsync() => await _cluster.DisposeAsync();
}
