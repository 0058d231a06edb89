using System.Text.Json.Nodes;
using TestKit;

namespace Workflows.Hosting.Tests.Server;

/// <summary>
/// A parent using a child definition as an activity on a real <c>serve</c> process (SQLite, in-memory bus): the child
/// waits on a Delay inside the parent's instance, the server is killed with <c>kill -9</c>, and after a restart the
/// timer fires, the child's output reaches the parent and the parent completes with it, each activity exactly once.
/// </summary>
public sealed class WorkflowActivityKillTests
{
    [Fact]
    public async Task Kill_9_while_the_child_waits_on_its_timer_then_restart_completes_the_parent_with_the_childs_output_once()
    {
        await using var cluster = ServerCluster.CreateSqlite();
        // The parent's file sorts before its child's: the import orders them.
        cluster.AddWorkflow("timed-parent", Fixture("timed-parent.json"));
        cluster.AddWorkflow("zz-timed-double", Fixture("timed-double.json"));
        var node = await cluster.StartNodeAsync("node-a");

        var id = await node.DispatchAsync("timed-parent", new JsonObject { ["Number"] = 21 });
        await node.WaitForJournalAsync(id, r => Is(r, "Suspended", "Wait1"), TimeSpan.FromSeconds(60));
        Assert.Equal("Suspended", (await node.InstanceAsync(id))["subStatus"]!.GetValue<string>());
        await node.KillAsync();

        node = await cluster.StartNodeAsync("node-a");
        var instance = await node.WaitFinishedAsync(id, TimeSpan.FromSeconds(90));
        Assert.Equal("Finished", instance["subStatus"]!.GetValue<string>());
        Assert.Equal(42, instance["workflowState"]!["output"]!["Result"]!.GetValue<int>());

        var journal = await node.JournalAsync(id);
        // Parent and child both have an activity "Say1": the child's runs under the activity's node id.
        Assert.Equal(1, Completed(journal, n => n == "Workflow1:Flowchart1:Say1"));
        Assert.Equal(1, Completed(journal, n => n == "Workflow1:Flowchart1:Double1:Flowchart1:Say1"));
        Assert.Equal(1, Completed(journal, n => n == "Workflow1:Flowchart1:Double1:Flowchart1:Wait1"));
        Assert.Equal(1, Completed(journal, n => n == "Workflow1:Flowchart1:Double1"));
        Assert.Single(journal, r => Is(r, "Resumed", "Wait1"));
        // One instance: the child never ran as an instance of its own.
        var all = (await node.GetAsync("workflow-instances?pageSize=100"))["items"]!.AsArray();
        Assert.DoesNotContain(all, i => i!["definitionId"]!.GetValue<string>() == "timed-double");
        var executions = (await node.GetAsync($"activity-executions/list?workflowInstanceId={id}"))["items"]!.AsArray();
        var double1 = Assert.Single(executions, e => e!["activityId"]!.GetValue<string>() == "Double1" && e["status"]!.GetValue<string>() == "Completed");
        Assert.Equal("TimedDouble", double1!["activityType"]!.GetValue<string>());
    }

    private static bool Is(JsonNode record, string eventName, string activityId) =>
        record["eventName"]!.GetValue<string>() == eventName && record["activityId"]?.GetValue<string>() == activityId;

    private static int Completed(IReadOnlyList<JsonNode> journal, Func<string, bool> nodeId) =>
        journal.Count(r => r["eventName"]!.GetValue<string>() == "Completed" && r["nodeId"]?.GetValue<string>() is { } n && nodeId(n));

    private static string Fixture(string name) => File.ReadAllText(TestEnvironment.FixturePath("workflow-activities", name));
}
