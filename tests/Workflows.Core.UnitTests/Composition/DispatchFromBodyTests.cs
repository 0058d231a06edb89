using System.Text.Json.Nodes;
using Workflows.Core.Persistence;
using Workflows.Core.UnitTests.Support;

namespace Workflows.Core.UnitTests.Composition;

/// <summary>A workflow used as an activity that dispatches another workflow without waiting (run-tail serving the canonical).</summary>
public sealed class DispatchFromBodyTests
{
    [Fact]
    public async Task A_child_instance_dispatched_from_inside_a_workflow_body_runs_to_its_end()
    {
        var clock = new FastForwardClock();
        var test = new TestHost(clock: clock);
        var body = JsonNode.Parse(WorkflowActivityFiles.Read("execute-parent.json"))!.AsObject();
        body["definitionId"] = "dispatcher";
        body["id"] = "dispatcher-v1";
        body["name"] = "Dispatcher";
        body["options"]!["usableAsActivity"] = true;
        var activities = body["root"]!["activities"]!.AsArray();
        activities.RemoveAt(0); // ExecuteWorkflow
        activities[0]!["waitForCompletion"]!["expression"]!["value"] = false;
        activities.RemoveAt(1);
        body["root"]!["connections"] = new JsonArray();
        await test.ImportAsync(WorkflowActivityFiles.Read("echo-child.json"), "echo-child.json");
        await test.ImportAsync(body.ToJsonString(), "dispatcher.json");
        var parent = JsonNode.Parse(WorkflowActivityFiles.Read("unknown-child.json"))!.AsObject();
        var node = parent["root"]!["activities"]![0]!.AsObject();
        node["type"] = "Dispatcher";
        node["workflowDefinitionId"] = "dispatcher";
        node["workflowDefinitionVersionId"] = "dispatcher-v1";

        var result = await test.RunAsync(parent.ToJsonString());

        Assert.Equal(WorkflowSubStatus.Finished, result.SubStatus);
        var all = (await test.Host.Instances.ListAsync(new WorkflowInstanceFilter(), PageArgs.All, CancellationToken.None)).Items;
        var child = Assert.Single(all, i => i.DefinitionId == "echo-child");
        Assert.Equal(WorkflowSubStatus.Finished, child.SubStatus);
        Assert.Equal("echo from dispatch", JsonNode.Parse(child.OutputJson)!["Echo"]!.GetValue<string>());
    }

    /// <summary>
    /// As run-tail serves the canonical: a decision, a line, the dispatch and another line inside the body, then the
    /// parent goes on and finishes in the same step; the dispatched instance still runs, with the body's input.
    /// </summary>
    [Fact]
    public async Task A_dispatch_in_the_middle_of_a_workflow_body_runs_after_the_parent_finished()
    {
        var clock = new FastForwardClock();
        var test = new TestHost(clock: clock);
        var imported = await WorkflowActivityFiles.ImportAsync(test, "dispatching-parent.json", "dispatching-tail.json", "echo-child.json");

        var result = await test.Host.Runner.RunAsync(imported["dispatching-parent.json"], new Workflows.Core.Runtime.WorkflowStartOptions(), CancellationToken.None);

        Assert.Equal(WorkflowSubStatus.Finished, result.SubStatus);
        Assert.Equal(["tail dispatches echo from the tail", "tail after the dispatch", "parent done"], test.Lines.Texts);
        var all = (await test.Host.Instances.ListAsync(new WorkflowInstanceFilter(), PageArgs.All, CancellationToken.None)).Items;
        var child = Assert.Single(all, i => i.DefinitionId == "echo-child");
        Assert.Equal(result.Id, child.ParentInstanceId);
        Assert.Equal(WorkflowSubStatus.Finished, child.SubStatus);
        Assert.Equal("echo echo from the tail", JsonNode.Parse(child.OutputJson)!["Echo"]!.GetValue<string>());
        Assert.DoesNotContain(all, i => i.DefinitionId == "dispatching-tail");
    }
}
