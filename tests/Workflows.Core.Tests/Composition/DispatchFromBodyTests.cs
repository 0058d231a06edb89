using System.Text.Json.Nodes;
using Workflows.Core.Persistence;
using Workflows.Core.Tests.Support;

namespace Workflows.Core.Tests.Composition;

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
}
