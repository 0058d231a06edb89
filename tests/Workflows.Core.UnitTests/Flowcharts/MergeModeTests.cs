using Workflows.Core.Persistence;
using Workflows.Core.UnitTests.Support;

namespace Workflows.Core.UnitTests.Flowcharts;

/// <summary>
/// <c>customProperties.mergeMode</c> on the activity where branches meet (Elsa 3.8's MergeMode), each mode on a diamond
/// (Start, FlowFork Left/Right, L on the left, R1 then R2 on the right, both into C) and on a join with a branch not
/// taken (Start to A, and to a false FlowDecision whose True port leads to B; A and B into C).
/// </summary>
public sealed class MergeModeTests
{
    [Theory]
    [InlineData("none", new[] { "L", "R1", "R2", "C" })] // implicit join: once, after both
    [InlineData("merge", new[] { "L", "R1", "R2", "C" })] // every forward branch followed
    [InlineData("converge", new[] { "L", "R1", "R2", "C" })] // every inbound branch followed
    [InlineData("stream", new[] { "L", "R1", "C", "R2", "C" })] // runs when no inbound source is pending: after L (R2 not yet scheduled) and after R2
    [InlineData("cascade", new[] { "L", "R1", "C", "R2", "C" })] // once per arrival
    [InlineData("race", new[] { "L", "C" })] // first arrival wins; R1, still scheduled, is cancelled
    public async Task Diamond_with_both_branches_taken(string mode, string[] lines)
    {
        var test = new TestHost();
        var result = await test.RunAsync(ActivityFixtures.Read($"merge-{mode}-diamond.json"));
        Assert.Equal(WorkflowStatus.Finished, result.Status);
        Assert.Equal(WorkflowSubStatus.Finished, result.SubStatus);
        Assert.Equal(lines, test.Lines.Texts);
    }

    [Theory]
    [InlineData("none", new[] { "A", "C" })] // the untaken branch is a dead path: C still runs
    [InlineData("stream", new[] { "A", "C" })]
    [InlineData("cascade", new[] { "A", "C" })]
    [InlineData("race", new[] { "A", "C" })]
    [InlineData("merge", new[] { "A" })] // blocked: B's connection was never followed
    [InlineData("converge", new[] { "A" })]
    public async Task Join_with_a_branch_not_taken(string mode, string[] lines)
    {
        var test = new TestHost();
        var result = await test.RunAsync(ActivityFixtures.Read($"merge-{mode}-untaken.json"));
        Assert.Equal(WorkflowSubStatus.Finished, result.SubStatus);
        Assert.Equal(lines, test.Lines.Texts);
        // The journal agrees: exactly these WriteLines completed, and none waits (a blocked join is not left suspended).
        var journal = await test.JournalAsync(result.Id);
        Assert.Equal(lines.Length, journal.Count(r => r.ActivityType == "Elsa.WriteLine" && r.EventName == "Completed"));
        Assert.DoesNotContain(journal, r => r.EventName == "Suspended");
    }

    [Theory]
    [InlineData("merge", new[] { "A", "C", "C", "end" })] // backward connections do not count: the loop comes back into C
    [InlineData("converge", new[] { "A" })] // the loop's connection into C was never followed: C waits for it, so never runs
    public async Task Converge_also_waits_for_the_loop_connection_and_Merge_does_not(string mode, string[] lines)
    {
        var test = new TestHost();
        var result = await test.RunAsync(ActivityFixtures.Read($"merge-{mode}-loop.json"));
        Assert.Equal(WorkflowSubStatus.Finished, result.SubStatus);
        Assert.Equal(lines, test.Lines.Texts);
    }
}
