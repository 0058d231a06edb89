using Workflows.Core.Persistence;
using Workflows.Persistence.Tests.Fixtures;
using static Workflows.Persistence.Tests.Fixtures.Records;

namespace Workflows.Persistence.Tests.Retention;

public abstract class RetentionTests(StoreFixture fixture)
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task The_sweep_deletes_old_finished_instances_with_their_journals_and_keeps_recent_and_running_ones()
    {
        var host = fixture.Host;
        var now = DateTimeOffset.UtcNow;
        var old = now.AddDays(-40);
        var oldFinished = new[] { WorkflowSubStatus.Finished, WorkflowSubStatus.Cancelled, WorkflowSubStatus.Faulted }
            .Select(s => Instance(status: WorkflowStatus.Finished, subStatus: s, createdAt: old, finishedAt: old.AddMinutes(1)))
            .ToList();
        var recentFinished = Instance(status: WorkflowStatus.Finished, subStatus: WorkflowSubStatus.Finished, createdAt: old, finishedAt: now.AddDays(-1));
        var oldRunning = Instance(status: WorkflowStatus.Running, subStatus: WorkflowSubStatus.Suspended, createdAt: old);
        foreach (var instance in oldFinished.Append(recentFinished).Append(oldRunning))
        {
            await host.Instances.CommitAsync(new WorkflowInstanceCommit
            {
                Instance = instance,
                ActivityExecutions = [Execution(instance.Id, "a1", old)],
                LogRecords = [Log(instance.Id, 1), Log(instance.Id, 2)],
                AddedBookmarks = [Bookmark(instance.Id, "h-" + NewId())],
            }, None);
        }

        var deleted = await host.Sweeper.SweepAsync(None);

        Assert.True(deleted >= oldFinished.Count);
        foreach (var gone in oldFinished)
        {
            Assert.Null(await host.Instances.FindAsync(gone.Id, None));
            Assert.Empty(await host.Instances.ListActivityExecutionsAsync(gone.Id, None));
            Assert.Empty((await host.Instances.ListExecutionLogAsync(gone.Id, PageArgs.All, None)).Items);
            Assert.Empty(await host.Bookmarks.FindAsync(new BookmarkFilter { WorkflowInstanceId = gone.Id }, None));
        }
        foreach (var kept in new[] { recentFinished, oldRunning })
        {
            Assert.NotNull(await host.Instances.FindAsync(kept.Id, None));
            Assert.Single(await host.Instances.ListActivityExecutionsAsync(kept.Id, None));
            Assert.Equal(2, (await host.Instances.ListExecutionLogAsync(kept.Id, PageArgs.All, None)).TotalCount);
            Assert.Single(await host.Bookmarks.FindAsync(new BookmarkFilter { WorkflowInstanceId = kept.Id }, None));
        }
    }

    [Fact]
    public async Task Deleting_in_small_batches_removes_every_matching_instance()
    {
        var host = fixture.Host;
        var cutoff = T0.AddYears(-10);
        var finished = Enumerable.Range(0, 7)
            .Select(n => Instance(status: WorkflowStatus.Finished, subStatus: WorkflowSubStatus.Finished,
                createdAt: cutoff.AddDays(-2), finishedAt: cutoff.AddDays(-1).AddMinutes(n)))
            .ToList();
        foreach (var instance in finished)
        {
            await host.Instances.CommitAsync(new WorkflowInstanceCommit { Instance = instance, LogRecords = [Log(instance.Id, 1)] }, None);
        }

        var deleted = await host.EfInstances.DeleteFinishedBeforeAsync(cutoff, batchSize: 2, None);

        Assert.Equal(7, deleted);
        Assert.Equal(0, await host.Instances.CountAsync(new WorkflowInstanceFilter { Ids = finished.Select(i => i.Id).ToList() }, None));
    }
}
