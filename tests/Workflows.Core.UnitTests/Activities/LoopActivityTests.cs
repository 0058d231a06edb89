using System.Text.Json.Nodes;
using Workflows.Core.Persistence;
using Workflows.Core.UnitTests.Support;

namespace Workflows.Core.UnitTests.Activities;

/// <summary>
/// Elsa's loops and concurrency activities (While, For, Break, ForEach/ParallelForEach scoped values, Fork, Parallel)
/// from tests/fixtures/elsa-activities.
/// </summary>
public sealed class LoopActivityTests
{
    [Fact]
    public async Task While_repeats_its_body_and_Break_ends_the_loop()
    {
        var test = new TestHost();
        var result = await test.RunAsync(ActivityFixtures.Read("while-break.json"));
        Assert.Equal(WorkflowSubStatus.Finished, result.SubStatus);
        Assert.Equal(["tick 0 count 1", "tick 1 count 2", "tick 2 count 3", "after 3"], test.Lines.Texts);
        Assert.Equal(3, JsonNode.Parse(result.VariablesJson)!["Count"]!.GetValue<int>());
    }

    [Fact]
    public async Task For_counts_up_inclusively_and_down_exclusively_with_CurrentValue_scoped_and_bound()
    {
        var test = new TestHost();
        var result = await test.RunAsync(ActivityFixtures.Read("for-loops.json"));
        Assert.Equal(WorkflowSubStatus.Finished, result.SubStatus);
        Assert.Equal(["up 1 at 0", "up 2 at 1", "up 3 at 2", "down 10", "down 7"], test.Lines.Texts);
        Assert.Equal(3, JsonNode.Parse(result.VariablesJson)!["Last"]!.GetValue<int>());
        // The loop variables are scoped to the loops: they never reach the workflow's variables.
        Assert.Null(JsonNode.Parse(result.VariablesJson)!["CurrentValue"]);
    }

    [Fact]
    public async Task ForEach_and_ParallelForEach_bodies_see_CurrentValue_and_CurrentIndex()
    {
        var test = new TestHost();
        var result = await test.RunAsync(ActivityFixtures.Read("loop-scoped-values.json"));
        Assert.Equal(WorkflowSubStatus.Finished, result.SubStatus);
        Assert.Equal(["0:a", "1:b", "2:c", "p0:x", "p1:y"], test.Lines.Texts);
    }

    [Fact]
    public async Task Fork_WaitAll_completes_when_every_branch_did()
    {
        var clock = new FastForwardClock();
        var test = new TestHost(clock: clock);
        var result = await test.RunAsync(ActivityFixtures.Read("fork-waitall.json"));
        Assert.Equal(WorkflowSubStatus.Finished, result.SubStatus);
        Assert.Equal(["slow start", "quick", "slow end", "joined"], test.Lines.Texts);
        Assert.Single(clock.Waits);
    }

    [Fact]
    public async Task Fork_WaitAny_completes_on_the_first_branch_and_cancels_the_others()
    {
        var clock = new FastForwardClock();
        var test = new TestHost(clock: clock);
        var result = await test.RunAsync(ActivityFixtures.Read("fork-waitany.json"));
        Assert.Equal(WorkflowSubStatus.Finished, result.SubStatus);
        Assert.Equal(["slow start", "quick", "joined"], test.Lines.Texts);
        Assert.Empty(clock.Waits); // the slow branch's Delay never ran: no timer was left behind
        var journal = await test.JournalAsync(result.Id);
        Assert.Contains(journal, r => r.ActivityType == "Elsa.Sequence" && r.EventName == "Cancelled");
    }

    [Fact]
    public async Task Parallel_runs_every_activity_then_completes()
    {
        var test = new TestHost();
        var result = await test.RunAsync(ActivityFixtures.Read("parallel.json"));
        Assert.Equal(WorkflowSubStatus.Finished, result.SubStatus);
        Assert.Equal(["one", "two", "three", "all done"], test.Lines.Texts);
    }
}
