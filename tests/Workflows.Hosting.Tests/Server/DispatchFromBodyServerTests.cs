using TestKit;

namespace Workflows.Hosting.Tests.Server;

/// <summary>
/// On a real <c>serve</c> process (SQLite, in-memory bus): a workflow used as an activity dispatches another workflow
/// without waiting from the middle of its body (as run-tail serves the canonical); the parent finishes and the
/// dispatched instance runs to its end on the bus, with the body's input and the parent as its parent.
/// </summary>
public sealed class DispatchFromBodyServerTests
{
    [Fact]
    public async Task A_dispatch_in_the_middle_of_a_workflow_body_runs_on_the_server()
    {
        await using var cluster = ServerCluster.CreateSqlite();
        cluster.AddWorkflow("dispatching-parent", Fixture("dispatching-parent.json"));
        cluster.AddWorkflow("dispatching-tail", Fixture("dispatching-tail.json"));
        cluster.AddWorkflow("echo-child", Fixture("echo-child.json"));
        var node = await cluster.StartNodeAsync("node-a");

        var id = await node.DispatchAsync("dispatching-parent");
        var parent = await node.WaitFinishedAsync(id, TimeSpan.FromSeconds(60));
        Assert.Equal("Finished", parent["subStatus"]!.GetValue<string>());

        var child = await Eventually.UntilAsync(
            async () => (await node.GetAsync("workflow-instances?pageSize=100"))["items"]!.AsArray()
                .SingleOrDefault(i => i!["definitionId"]!.GetValue<string>() == "echo-child"),
            i => i is not null, TimeSpan.FromSeconds(30), _ => "no echo-child instance was dispatched\n" + node.Output, TimeSpan.FromMilliseconds(250));
        var childId = child!["id"]!.GetValue<string>();
        var finished = await node.WaitFinishedAsync(childId, TimeSpan.FromSeconds(60));
        Assert.Equal("Finished", finished["subStatus"]!.GetValue<string>());
        Assert.Equal(id, finished["parentWorkflowInstanceId"]?.GetValue<string>());
        Assert.Equal("echo echo from the tail", finished["workflowState"]!["output"]!["Echo"]!.GetValue<string>());
        var journal = await node.JournalAsync(id);
        Assert.Contains(journal, r => r["eventName"]!.GetValue<string>() == "Completed" && r["activityId"]?.GetValue<string>() == "After1");
    }

    private static string Fixture(string name) => File.ReadAllText(TestEnvironment.FixturePath("workflow-activities", name));
}
