using System.Text.Json.Nodes;
using TestKit;

namespace Workflows.Hosting.Tests.Server;

/// <summary>
/// Issue 20: a node killed (<c>kill -9</c>) while group commit is writing. Many instances run at once on one real
/// <c>recipeci serve</c> (PostgreSQL + RabbitMQ, or SQLite and the in-memory bus), so their lease-fenced commits are
/// written in shared groups without pause; the kill lands while some group is being written. After a restart every instance finished exactly once:
/// one WorkflowFinished record, each step completed once in the journal and once in the activity execution records,
/// whether a group died before or after its transaction committed.
/// </summary>
[Trait("Category", "Services")]
public sealed class GroupCommitKillTests
{
    private const int Instances = 48;
    private const int Pairs = 4;

    [Theory]
    [InlineData("postgres")]
    [InlineData("sqlite")]
    public async Task Kill_9_while_groups_of_commits_are_written_then_restart_finishes_every_instance_exactly_once(string store)
    {
        await using var cluster = store == "sqlite" ? ServerCluster.CreateSqlite() : await ServerCluster.CreatePostgresAsync("groupkill");
        // Each pair: a step with side effects (committed before and after it) and a side-effect-free one (after only).
        var steps = Enumerable.Range(1, Pairs).SelectMany(i => new[]
        {
            ServerWorkflows.SlowStep($"slow{i}", 20),
            ServerWorkflows.SetVariable($"set{i}", "last", i.ToString()),
        }).ToArray();
        cluster.AddWorkflow("grouped", ServerWorkflows.WithVariable(ServerWorkflows.Chain("grouped", steps), "last", "last"));
        var node = await cluster.StartNodeAsync("node-a");

        var ids = new List<string>();
        for (var i = 0; i < Instances; i++)
            ids.Add(await node.DispatchAsync("grouped"));
        // Kill once a few instances finished and the rest are in flight (16 workers), their commits grouped.
        var finishedAtKill = await Eventually.UntilAsync(() => FinishedAsync(node), finished => finished >= 4, TimeSpan.FromSeconds(120),
            finished => $"only {finished} instances finished, not 4\n{node.Output}", TimeSpan.FromMilliseconds(20));
        await node.KillAsync();
        Assert.True(finishedAtKill < Instances, "every instance had finished before the kill; nothing was in flight");

        var restarted = await cluster.StartNodeAsync("node-a");
        var stepIds = steps.Select(s => s["id"]!.GetValue<string>()).ToList();
        foreach (var id in ids)
        {
            var instance = await restarted.WaitFinishedAsync(id, TimeSpan.FromSeconds(120));
            Assert.Equal("Finished", instance["subStatus"]!.GetValue<string>());
            var journal = await restarted.JournalAsync(id);
            JournalAssertions.CompletedExactlyOnce(journal, id, stepIds);
            // A side-effect-free step is never journalled as re-run: its start was committed only with its end.
            Assert.DoesNotContain(journal, r => r["eventName"]!.GetValue<string>() == "Started"
                                                && r["activityId"]?.GetValue<string>()?.StartsWith("set", StringComparison.Ordinal) == true
                                                && r["message"]?.GetValue<string>() is not null);
            var executions = (await restarted.GetAsync($"activity-executions/list?workflowInstanceId={id}"))["items"]!.AsArray();
            foreach (var stepId in stepIds)
            {
                var completed = executions.Count(e => e!["activityId"]!.GetValue<string>() == stepId && e["status"]!.GetValue<string>() == "Completed");
                Assert.True(completed == 1, $"{id}: {stepId} has {completed} completed execution records");
            }
        }
        Assert.Equal(Instances, await FinishedAsync(restarted));
    }

    private static async Task<long> FinishedAsync(ServerNode node) =>
        (await node.GetAsync("workflow-instances?statuses=Finished&definitionId=grouped&pageSize=1"))["totalCount"]!.GetValue<long>();
}
