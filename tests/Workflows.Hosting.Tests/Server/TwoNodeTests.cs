using TestKit;

namespace Workflows.Hosting.Tests.Server;

/// <summary>
/// Two real server processes on one PostgreSQL database and one RabbitMQ queue: work spreads over both and every
/// instance finishes exactly once; when the node running an instance is killed, the other takes it over once the
/// lease expires and finishes it.
/// </summary>
[Trait("Category", "Services")]
public sealed class TwoNodeTests
{
    [Fact]
    public async Task Hundred_instances_finish_exactly_once_and_a_killed_nodes_instance_is_finished_by_the_other()
    {
        await using var cluster = await ServerCluster.CreatePostgresAsync("twonode");
        cluster.AddWorkflow("short", ServerWorkflows.Chain("short",
            ServerWorkflows.WriteLine("hello", "hello"), ServerWorkflows.SlowStep("work", 50), ServerWorkflows.WriteLine("bye", "bye")));
        cluster.AddWorkflow("long", ServerWorkflows.SlowSteps("long", 10, 600));
        var nodes = await Task.WhenAll(cluster.StartNodeAsync("node-a"), cluster.StartNodeAsync("node-b"));

        var ids = await Task.WhenAll(Enumerable.Range(0, 100).Select(i => nodes[i % 2].DispatchAsync("short")));
        Assert.Equal(100, ids.Distinct().Count());
        foreach (var id in ids)
        {
            var instance = await nodes[0].WaitFinishedAsync(id, TimeSpan.FromSeconds(120));
            Assert.Equal("Finished", instance["subStatus"]!.GetValue<string>());
            var journal = await nodes[1].JournalAsync(id);
            JournalAssertions.CompletedExactlyOnce(journal, id, ["hello", "work", "bye"]);
            Assert.Empty(JournalAssertions.Rerun(journal));
        }

        var longId = await nodes[0].DispatchAsync("long");
        var executing = await Eventually.UntilAsync(() => nodes[0].InstanceAsync(longId),
            instance => instance["subStatus"]!.GetValue<string>() == "Executing" && instance["leaseOwner"] is not null,
            TimeSpan.FromSeconds(30), instance => $"{longId} never ran under a lease: {instance.ToJsonString()}", TimeSpan.FromMilliseconds(100));
        var owner = executing["leaseOwner"]!.GetValue<string>();
        var victim = nodes.Single(n => n.NodeId == owner);
        var survivor = nodes.Single(n => n.NodeId != owner);
        await Task.Delay(800);
        var killedAt = TimeProvider.System.GetTimestamp();
        await victim.KillAsync();

        // The survivor takes the instance over within a lease (plus a sweep and a margin) of the kill.
        await Eventually.UntilAsync(() => survivor.InstanceAsync(longId),
            instance => instance["leaseOwner"]?.GetValue<string>() == survivor.NodeId || instance["status"]!.GetValue<string>() == "Finished",
            TimeSpan.FromSeconds(ServerCluster.LeaseSeconds + 10) - TimeProvider.System.GetElapsedTime(killedAt),
            instance => $"{survivor.NodeId} did not take {longId} over within lease + 10 s: {instance.ToJsonString()}\n{survivor.Output}",
            TimeSpan.FromMilliseconds(200));
        var finished = await survivor.WaitFinishedAsync(longId, TimeSpan.FromSeconds(60));
        Assert.Equal("Finished", finished["subStatus"]!.GetValue<string>());
        var longJournal = await survivor.JournalAsync(longId);
        JournalAssertions.CompletedExactlyOnce(longJournal, longId, Enumerable.Range(1, 10).Select(i => $"step{i}"));
        // The step in flight at the kill runs again on the survivor (none if the kill fell between two steps' commits).
        Assert.True(JournalAssertions.Rerun(longJournal).Count <= 1);
    }
}
