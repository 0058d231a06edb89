using System.Text.Json.Nodes;
using TestKit;

namespace Workflows.Hosting.Tests.Server;

/// <summary>
/// An HTTP trigger creates its instance with the serving node's lease already in the row and runs it in that process
/// (no separate lease write, no read back). <c>kill -9</c> of that node in the middle of the run must still leave an
/// instance that another start of the server recovers once the creation lease expires: it finishes, every step
/// completed exactly once, and only the interrupted step ran again.
/// </summary>
public sealed class HttpTriggerKillTests
{
    private const string DefinitionId = "http-kill";

    /// <summary>POST /workflows/http-kill (a trigger) -> a slow step -> WriteHttpResponse.</summary>
    private static string Definition() =>
        ServerWorkflows.HttpTriggered(DefinitionId, "http-kill", ServerWorkflows.SlowStep("slow", 3000),
            ServerWorkflows.WriteHttpResponse("respond", 200, "({ done: true })"));

    private static bool IsEvent(JsonNode record, string eventName, string activityId) =>
        record["eventName"]!.GetValue<string>() == eventName && record["activityId"]?.GetValue<string>() == activityId;

    [Fact]
    public async Task Kill_9_during_an_http_triggered_run_then_restart_recovers_the_instance_created_with_its_lease()
    {
        await using var cluster = ServerCluster.CreateSqlite();
        cluster.AddWorkflow(DefinitionId, Definition());
        var node = await cluster.StartNodeAsync("node-a");

        // The caller never gets its answer (the server dies under it); the instance is found through the API.
        using var content = new StringContent("{\"n\":1}", System.Text.Encoding.UTF8, "application/json");
        var request = node.Client.PostAsync("workflows/http-kill", content);
        var items = await Eventually.UntilAsync(
            async () => (await node.GetAsync($"workflow-instances?definitionId={DefinitionId}")).AsObject()["items"]!.AsArray(),
            found => found.Count == 1, TimeSpan.FromSeconds(60),
            found => $"no instance of {DefinitionId}: {found.ToJsonString()}\n{node.Output}",
            TimeSpan.FromMilliseconds(50));
        var instanceId = items[0]!["id"]!.GetValue<string>();
        await node.WaitForJournalAsync(instanceId, r => IsEvent(r, "Started", "slow"), TimeSpan.FromSeconds(60));
        await node.KillAsync();
        await Assert.ThrowsAnyAsync<Exception>(() => request);

        node = await cluster.StartNodeAsync("node-a");
        var instance = await node.WaitFinishedAsync(instanceId, TimeSpan.FromSeconds(90));
        Assert.Equal("Finished", instance["subStatus"]!.GetValue<string>());
        var journal = await node.JournalAsync(instanceId);
        JournalAssertions.CompletedExactlyOnce(journal, instanceId, ["trigger", "slow", "respond"]);
        Assert.Equal(["slow"], JournalAssertions.Rerun(journal));
        Assert.Contains(journal, r => IsEvent(r, "Started", "slow") && r["message"]?.GetValue<string>() == "Attempt 2");
    }
}
