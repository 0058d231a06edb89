using System.Text.Json.Nodes;

namespace Workflows.Hosting.Tests.Server;

/// <summary>
/// The issue's literal crash requirement on one node (SQLite, in-memory bus): <c>kill -9</c> at ten random points of a
/// ten-step workflow, one kill and restart per point. Each kill waits for its step to start (from the journal), then
/// lands at a random moment inside it. After every restart the instance finishes, every step completed exactly once,
/// and the step that was interrupted, and only it, started again ("Attempt 2").
/// </summary>
public sealed class KillPointTests
{
    private const int Steps = 10;
    private const int StepMilliseconds = 400;

    [Fact]
    public async Task Kill_9_at_ten_random_points_of_a_ten_step_workflow_then_restart_finishes_it_with_the_interrupted_step_rerun()
    {
        await using var cluster = ServerCluster.CreateSqlite();
        cluster.AddWorkflow("ten-steps", ServerWorkflows.SlowSteps("ten-steps", Steps, StepMilliseconds));
        var stepIds = Enumerable.Range(1, Steps).Select(i => $"step{i}").ToList();
        // Every step is a kill point once, in random order, each at a random moment inside the step.
        var points = Enumerable.Range(1, Steps).OrderBy(_ => Random.Shared.Next()).ToList();
        var node = await cluster.StartNodeAsync("node-a");
        var interruptedInside = 0;

        foreach (var point in points)
        {
            var id = await node.DispatchAsync("ten-steps");
            await node.WaitForJournalAsync(id, r => IsEvent(r, "Started", $"step{point}"), TimeSpan.FromSeconds(60));
            await Task.Delay(Random.Shared.Next(0, StepMilliseconds));
            await node.KillAsync();
            // Taken once the process is gone: whatever it committed happened before this moment.
            var killedAt = DateTimeOffset.UtcNow;

            node = await cluster.StartNodeAsync("node-a");
            var instance = await node.WaitFinishedAsync(id, TimeSpan.FromSeconds(90));
            Assert.Equal("Finished", instance["subStatus"]!.GetValue<string>());
            var journal = await node.JournalAsync(id);
            JournalAssertions.CompletedExactlyOnce(journal, id, stepIds);

            // The step the kill interrupted: started before the kill, its (single) completion committed after it.
            var interrupted = stepIds.Where(step =>
                    FirstTimestamp(journal, "Started", step) < killedAt && FirstTimestamp(journal, "Completed", step) > killedAt)
                .ToList();
            var rerun = JournalAssertions.Rerun(journal);
            Assert.True(interrupted.Count <= 1, $"{id} (kill at step{point}): interrupted [{string.Join(",", interrupted)}]");
            Assert.Equal(interrupted, rerun);
            if (interrupted.Count == 1)
            {
                interruptedInside++;
                Assert.Contains(journal, r => IsEvent(r, "Started", interrupted[0]) && r["message"]?.GetValue<string>() == "Attempt 2");
            }
        }
        // A kill can land between one step's commit and the next step's start; most must land inside a step.
        Assert.True(interruptedInside >= Steps / 2, $"only {interruptedInside} of {Steps} kills landed inside a step");
    }

    private static bool IsEvent(JsonNode record, string eventName, string activityId) =>
        record["eventName"]!.GetValue<string>() == eventName && record["activityId"]?.GetValue<string>() == activityId;

    private static DateTimeOffset FirstTimestamp(IReadOnlyList<JsonNode> journal, string eventName, string activityId) =>
        journal.Where(r => IsEvent(r, eventName, activityId)).Select(r => r["timestamp"]!.GetValue<DateTimeOffset>()).Min();
}
