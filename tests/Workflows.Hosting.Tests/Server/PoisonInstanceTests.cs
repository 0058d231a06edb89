using System.Text.Json.Nodes;

namespace Workflows.Hosting.Tests.Server;

/// <summary>
/// Issue 16, poison instances: a step that takes the process down (here: <c>kill -9</c> while the step runs, twice)
/// is run at most twice; at the next start the instance faults with an incident naming the step instead of taking the
/// server down again at every start. One kill alone still re-runs the step (see <see cref="KillPointTests"/>).
/// </summary>
public sealed class PoisonInstanceTests
{
    [Fact]
    public async Task A_step_that_took_the_process_down_twice_faults_its_instance_with_an_incident_instead_of_running_again()
    {
        await using var cluster = ServerCluster.CreateSqlite();
        cluster.AddWorkflow("poison", ServerWorkflows.Chain("poison",
            ServerWorkflows.SlowStep("before", 10), ServerWorkflows.SlowStep("crasher", 600_000), ServerWorkflows.WriteLine("after", "never")));
        var node = await cluster.StartNodeAsync("node-a");
        var id = await node.DispatchAsync("poison");

        await node.WaitForJournalAsync(id, r => IsStarted(r, "crasher", null), TimeSpan.FromSeconds(60));
        await node.KillAsync();
        node = await cluster.StartNodeAsync("node-a");
        // After one crash the step runs again (it may have been a coincidence).
        await node.WaitForJournalAsync(id, r => IsStarted(r, "crasher", "Attempt 2"), TimeSpan.FromSeconds(90));
        await node.KillAsync();
        node = await cluster.StartNodeAsync("node-a");

        var instance = await node.WaitFinishedAsync(id, TimeSpan.FromSeconds(90));
        Assert.Equal("Faulted", instance["subStatus"]!.GetValue<string>());
        var incident = Assert.Single(instance["workflowState"]!["incidents"]!.AsArray());
        Assert.Equal("crasher", incident!["activityId"]!.GetValue<string>());
        var message = incident["message"]!.GetValue<string>();
        Assert.Contains("'crasher' (Testing.SlowStep) crashed the process", message);
        Assert.Contains("2 attempts", message);
        var journal = await node.JournalAsync(id);
        Assert.Equal(2, journal.Count(r => IsStarted(r, "crasher", null) || IsStarted(r, "crasher", "Attempt 2") || IsStarted(r, "crasher", "Attempt 3")));
        Assert.DoesNotContain(journal, r => r["activityId"]?.GetValue<string>() == "after");
        Assert.False(node.HasExited);

        // Another start leaves it faulted: nothing runs it again.
        await node.KillAsync();
        node = await cluster.StartNodeAsync("node-a");
        var again = await node.InstanceAsync(id);
        Assert.Equal("Faulted", again["subStatus"]!.GetValue<string>());
        Assert.Equal(journal.Count, (await node.JournalAsync(id)).Count);
    }

    private static bool IsStarted(JsonNode record, string activityId, string? message) =>
        record["eventName"]!.GetValue<string>() == "Started" && record["activityId"]?.GetValue<string>() == activityId
                                                          && record["message"]?.GetValue<string>() == message;
}
