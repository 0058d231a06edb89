using Workflows.Core.Persistence;
using Workflows.Core.UnitTests.Support;

namespace Workflows.Core.UnitTests.Activities;

/// <summary>BulkDispatchWorkflows: one child instance per item, waiting for all of them or not.</summary>
public sealed class BulkDispatchTests
{
    [Fact]
    public async Task Waiting_it_completes_with_Completed_and_Done_after_every_child_finished()
    {
        var test = new TestHost();
        await test.ImportAsync(ActivityFixtures.Read("bulk-child.json"), "bulk-child.json");
        var result = await test.RunAsync(ActivityFixtures.Read("bulk-dispatch.json"));
        Assert.Equal(WorkflowSubStatus.Finished, result.SubStatus);
        Assert.Equal(["child a of nightly", "child b of nightly", "child c of nightly"], test.Lines.Texts.Take(3).Order());
        Assert.Equal(["all children finished", "done"], test.Lines.Texts.Skip(3));
        var children = await test.Host.Instances.ListAsync(new WorkflowInstanceFilter { ParentInstanceId = result.Id }, PageArgs.All, CancellationToken.None);
        Assert.Equal(3, children.Items.Count);
        Assert.All(children.Items, c => Assert.Equal(WorkflowSubStatus.Finished, c.SubStatus));
        var journal = await test.JournalAsync(result.Id);
        Assert.Equal(3, journal.Count(r => r.ActivityType == "Elsa.BulkDispatchWorkflows" && r.EventName == "Resumed"));
    }

    [Fact]
    public async Task Not_waiting_it_continues_on_Done_at_once()
    {
        var test = new TestHost();
        await test.ImportAsync(ActivityFixtures.Read("bulk-child.json"), "bulk-child.json");
        var result = await test.RunAsync(ActivityFixtures.Read("bulk-dispatch-nowait.json"));
        Assert.Equal(WorkflowSubStatus.Finished, result.SubStatus);
        Assert.Equal("done", test.Lines.Texts[0]); // before any child ran
        Assert.Equal(4, test.Lines.Texts.Count);
        Assert.DoesNotContain("all children finished", test.Lines.Texts);
    }
}
