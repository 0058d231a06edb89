namespace Workflows.Hosting.Tests.Server;

/// <summary>
/// <c>kill -9</c> of a real server (PostgreSQL + RabbitMQ) while instances are inside activities at ten different
/// points of a ten-step workflow and one waits on a Delay; after a restart every instance finishes, every step
/// completed once, and the journal shows the interrupted step started again.
/// </summary>
[Trait("Category", "Services")]
public sealed class CrashRecoveryTests
{
    private const int Steps = 10;
    private const int StepMilliseconds = 700;
    private const int Instances = 10;

    [Fact]
    public async Task Kill_9_inside_activities_and_during_a_delay_then_restart_finishes_everything_and_journals_the_rerun()
    {
        await using var cluster = await ServerCluster.CreatePostgresAsync("crash");
        cluster.AddWorkflow("ten-steps", ServerWorkflows.SlowSteps("ten-steps", Steps, StepMilliseconds));
        cluster.AddWorkflow("delayed", ServerWorkflows.Chain("delayed",
            // Long enough to outlast the staggered dispatches below (5-8 s, more on a loaded machine) and still be waiting at the kill.
            ServerWorkflows.SlowStep("before", 100), ServerWorkflows.Delay("wait", TimeSpan.FromSeconds(20)), ServerWorkflows.SlowStep("after", 100)));
        var node = await cluster.StartNodeAsync("node-a");

        var delayed = await node.DispatchAsync("delayed");
        // Staggered starts: at the kill each instance is at its own point of the ten steps (the first near the end).
        var ids = new List<string>();
        for (var i = 0; i < Instances; i++)
        {
            ids.Add(await node.DispatchAsync("ten-steps"));
            await Task.Delay(StepMilliseconds * 3 / 4);
        }
        await Task.Delay(Random.Shared.Next(0, StepMilliseconds));
        Assert.Equal("Suspended", (await node.InstanceAsync(delayed))["subStatus"]!.GetValue<string>());
        var killedAt = DateTimeOffset.UtcNow;
        await node.KillAsync();

        var restarted = await cluster.StartNodeAsync("node-a");
        var stepIds = Enumerable.Range(1, Steps).Select(i => $"step{i}").ToList();
        var interrupted = 0;
        foreach (var id in ids)
        {
            var instance = await restarted.WaitFinishedAsync(id, TimeSpan.FromSeconds(90));
            Assert.Equal("Finished", instance["subStatus"]!.GetValue<string>());
            var journal = await restarted.JournalAsync(id);
            JournalAssertions.CompletedExactlyOnce(journal, id, stepIds);
            var rerun = JournalAssertions.Rerun(journal);
            if (JournalAssertions.FinishedAt(journal) > killedAt)
            {
                // Inside a step at the kill: that step (and only it) started again. On a loaded machine the kill can also
                // land between two steps' commits, or before a late instance started: then nothing re-runs.
                Assert.True(rerun.Count <= 1, $"{id}: re-run steps [{string.Join(",", rerun)}]");
                if (rerun.Count == 1)
                {
                    Assert.Contains(journal, r => r["eventName"]!.GetValue<string>() == "Started" && r["message"]?.GetValue<string>() == "Attempt 2");
                    interrupted++;
                }
            }
            else
            {
                Assert.Empty(rerun);
            }
            var executions = (await restarted.GetAsync($"activity-executions/list?workflowInstanceId={id}"))["items"]!.AsArray();
            Assert.Equal(Steps, executions.Count(e => e!["activityType"]!.GetValue<string>() == "Testing.SlowStep" && e["status"]!.GetValue<string>() == "Completed"));
        }
        Assert.True(interrupted >= Instances / 2, $"only {interrupted} instances were interrupted inside a step by the kill");

        var afterDelay = await restarted.WaitFinishedAsync(delayed, TimeSpan.FromSeconds(60));
        Assert.Equal("Finished", afterDelay["subStatus"]!.GetValue<string>());
        var delayJournal = await restarted.JournalAsync(delayed);
        JournalAssertions.CompletedExactlyOnce(delayJournal, delayed, ["before", "wait", "after"]);
        Assert.Equal(1, JournalAssertions.Count(delayJournal, "Resumed", "wait"));
        Assert.Empty(JournalAssertions.Rerun(delayJournal));
    }
}
