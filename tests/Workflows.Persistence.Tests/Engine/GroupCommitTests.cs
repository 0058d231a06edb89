using System.Data.Common;
using Workflows.Core.Persistence;
using Workflows.Persistence.Tests.Fixtures;

namespace Workflows.Persistence.Tests.Engine;

/// <summary>
/// Group commit on the EF stores: commits of many instances made at once (written together in shared transactions)
/// are each durable when their call returns, every column of their rows as written (on PostgreSQL a group writes each
/// table's rows as one statement), and a failing commit among them (a duplicate create, a duplicate journal row) fails
/// alone.
/// </summary>
public abstract class GroupCommitTests(StoreFixture fixture)
{
    private PersistenceHost Host => fixture.Host;

    [Fact]
    public async Task Concurrent_commits_of_many_instances_are_each_readable_when_their_call_returns()
    {
        var ids = Enumerable.Range(0, 48).Select(_ => Records.NewId()).ToList();
        using var go = new SemaphoreSlim(0, ids.Count);
        var commits = ids.Select(id => Task.Run(async () =>
        {
            await go.WaitAsync();
            await Host.Instances.CommitAsync(new WorkflowInstanceCommit
            {
                Instance = Records.Instance(id) with { LeaseOwner = null, LeaseExpiresAt = null },
                LogRecords = [Records.Log(id, 1), Records.Log(id, 2)],
                ActivityExecutions = [Records.Execution(id, "a1", Records.T0)],
                CreateOnly = true,
            }, CancellationToken.None);
            // Durable before the call returned: another connection reads the row and its journal now.
            var stored = await Host.Instances.FindAsync(id, CancellationToken.None);
            var log = await Host.Instances.ListExecutionLogAsync(id, new PageArgs(0, 10), CancellationToken.None);
            return (id, stored, log.TotalCount);
        })).ToList();
        go.Release(ids.Count);
        var results = await Task.WhenAll(commits);

        Assert.All(results, r =>
        {
            Assert.NotNull(r.stored);
            Assert.Equal(r.id, r.stored!.Id);
            Assert.Equal(2, r.TotalCount);
        });
        Assert.Equal(ids.Count, await Host.Instances.CountAsync(new WorkflowInstanceFilter { Ids = ids }, CancellationToken.None));
    }

    [Fact]
    public async Task A_duplicate_create_among_concurrent_commits_fails_alone_and_the_others_are_written()
    {
        var existing = Records.NewId();
        await Host.Instances.CommitAsync(new WorkflowInstanceCommit { Instance = Records.Instance(existing), CreateOnly = true }, CancellationToken.None);
        var fresh = Enumerable.Range(0, 31).Select(_ => Records.NewId()).ToList();
        using var go = new SemaphoreSlim(0, fresh.Count + 1);
        var freshCommits = fresh.Select(id => Task.Run(async () =>
        {
            await go.WaitAsync();
            await Host.Instances.CommitAsync(new WorkflowInstanceCommit { Instance = Records.Instance(id), LogRecords = [Records.Log(id, 1)] }, CancellationToken.None);
        })).ToList();
        var duplicate = Task.Run(async () =>
        {
            await go.WaitAsync();
            await Host.Instances.CommitAsync(new WorkflowInstanceCommit
            {
                Instance = Records.Instance(existing) with { Name = "overwritten?" },
                LogRecords = [Records.Log(existing, 99)],
                CreateOnly = true,
            }, CancellationToken.None);
        });
        go.Release(fresh.Count + 1);

        var refused = await Assert.ThrowsAsync<InstanceAlreadyExistsException>(() => duplicate);
        await Task.WhenAll(freshCommits);

        Assert.Equal(existing, refused.InstanceId);
        Assert.Equal("Sample instance", (await Host.Instances.FindAsync(existing, CancellationToken.None))!.Name);
        Assert.Equal(0, (await Host.Instances.ListExecutionLogAsync(existing, new PageArgs(0, 10), CancellationToken.None)).TotalCount);
        Assert.Equal(fresh.Count, await Host.Instances.CountAsync(new WorkflowInstanceFilter { Ids = fresh }, CancellationToken.None));
        foreach (var id in fresh)
        {
            Assert.Equal(1, (await Host.Instances.ListExecutionLogAsync(id, new PageArgs(0, 10), CancellationToken.None)).TotalCount);
        }
    }

    [Fact]
    public async Task Rows_of_concurrent_commits_read_back_column_for_column_through_another_connection()
    {
        var reader = new IndependentReader(fixture.Database.Options);
        var ids = Enumerable.Range(0, 40).Select(_ => Records.NewId()).ToList();
        // Every instance first gets a bookmark, which its grouped commit below removes while adding another.
        var first = ids.ToDictionary(id => id, id => Records.Bookmark(id, "h-" + id));
        foreach (var id in ids)
        {
            await Host.Instances.CommitAsync(new WorkflowInstanceCommit
            {
                Instance = Records.Instance(id) with { LeaseOwner = null, LeaseExpiresAt = null },
                AddedBookmarks = [first[id]],
                CreateOnly = true,
            }, CancellationToken.None);
        }

        var expected = ids.Select((id, n) => new WorkflowInstanceCommit
        {
            // Nullable columns alternate between null and a value, so a column mixing both in one statement shows.
            Instance = Records.Instance(id, WorkflowStatus.Finished, WorkflowSubStatus.Finished, finishedAt: n % 2 == 0 ? Records.T0.AddHours(n) : null)
                with { LeaseOwner = null, LeaseExpiresAt = null, Name = n % 3 == 0 ? null : "instance " + n, IncidentCount = n },
            ActivityExecutions =
            [
                Records.Execution(id, "a1", Records.T0.AddMinutes(n)),
                Records.Execution(id, "a2", Records.T0.AddMinutes(n + 1), status: "Faulted") with { CompletedAt = null, OutputsJson = null },
            ],
            LogRecords = [Records.Log(id, 1), Records.Log(id, 2) with { Message = null, PayloadJson = null }, Records.Log(id, 3)],
            AddedBookmarks = [Records.Bookmark(id, "h2-" + id, resumeAt: n % 2 == 0 ? Records.T0.AddDays(1) : null)],
            RemovedBookmarkIds = [first[id].Id],
        }).ToList();
        using var go = new SemaphoreSlim(0, expected.Count);
        var commits = expected.Select(commit => Task.Run(async () =>
        {
            await go.WaitAsync();
            await Host.Instances.CommitAsync(commit, CancellationToken.None);
            // Durable when the call returned: an unpooled connection outside EF sees the instance and its journal.
            return await reader.ReadInstanceAsync(commit.Instance.Id);
        })).ToList();
        go.Release(expected.Count);
        var seen = await Task.WhenAll(commits);

        Assert.All(seen, snapshot =>
        {
            Assert.NotNull(snapshot);
            Assert.Equal("Finished", snapshot!.SubStatus);
            Assert.Equal(2, snapshot.ExecutionRecords);
            Assert.Equal(3, snapshot.LogRecords);
        });
        foreach (var commit in expected)
        {
            var id = commit.Instance.Id;
            Assert.Equal(commit.Instance, await Host.Instances.FindAsync(id, CancellationToken.None));
            var executions = await Host.Instances.ListActivityExecutionsAsync(id, CancellationToken.None);
            Assert.Equal(commit.ActivityExecutions.OrderBy(e => e.StartedAt), executions);
            var log = await Host.Instances.ListExecutionLogAsync(id, new PageArgs(0, 10), CancellationToken.None);
            Assert.Equal(commit.LogRecords, log.Items);
            var bookmarks = await Host.Bookmarks.FindAsync(new BookmarkFilter { WorkflowInstanceId = id }, CancellationToken.None);
            Assert.Equal(commit.AddedBookmarks, bookmarks);
        }
    }

    [Fact]
    public async Task A_duplicate_journal_row_among_concurrent_commits_fails_alone_and_the_others_are_written()
    {
        var owner = Records.NewId();
        var taken = Records.Log(owner, 1);
        await Host.Instances.CommitAsync(new WorkflowInstanceCommit { Instance = Records.Instance(owner), LogRecords = [taken], CreateOnly = true }, CancellationToken.None);
        var fresh = Enumerable.Range(0, 31).Select(_ => Records.NewId()).ToList();
        var clashing = Records.NewId();
        using var go = new SemaphoreSlim(0, fresh.Count + 1);
        var freshCommits = fresh.Select(id => Task.Run(async () =>
        {
            await go.WaitAsync();
            await Host.Instances.CommitAsync(new WorkflowInstanceCommit
            {
                Instance = Records.Instance(id),
                ActivityExecutions = [Records.Execution(id, "a1", Records.T0)],
                LogRecords = [Records.Log(id, 1), Records.Log(id, 2)],
            }, CancellationToken.None);
        })).ToList();
        var duplicate = Task.Run(async () =>
        {
            await go.WaitAsync();
            await Host.Instances.CommitAsync(new WorkflowInstanceCommit
            {
                Instance = Records.Instance(clashing),
                ActivityExecutions = [Records.Execution(clashing, "a1", Records.T0)],
                LogRecords = [Records.Log(clashing, 1), taken with { WorkflowInstanceId = clashing }],
            }, CancellationToken.None);
        });
        go.Release(fresh.Count + 1);

        await Assert.ThrowsAnyAsync<DbException>(() => duplicate);
        await Task.WhenAll(freshCommits);

        // The failing commit wrote nothing at all (its own transaction), and the original row is untouched.
        Assert.Null(await Host.Instances.FindAsync(clashing, CancellationToken.None));
        Assert.Empty(await Host.Instances.ListActivityExecutionsAsync(clashing, CancellationToken.None));
        Assert.Equal([taken], (await Host.Instances.ListExecutionLogAsync(owner, new PageArgs(0, 10), CancellationToken.None)).Items);
        foreach (var id in fresh)
        {
            Assert.NotNull(await Host.Instances.FindAsync(id, CancellationToken.None));
            Assert.Single(await Host.Instances.ListActivityExecutionsAsync(id, CancellationToken.None));
            Assert.Equal(2, (await Host.Instances.ListExecutionLogAsync(id, new PageArgs(0, 10), CancellationToken.None)).TotalCount);
        }
    }
    [Fact]
    public async Task A_lost_lease_among_concurrent_fenced_commits_fails_alone_and_the_others_are_written()
    {
        var now = DateTimeOffset.UtcNow;
        var ids = Enumerable.Range(0, 24).Select(_ => Records.NewId()).ToList();
        foreach (var id in ids)
        {
            await Host.Instances.CommitAsync(new WorkflowInstanceCommit { Instance = Records.Instance(id) with { LeaseOwner = null, LeaseExpiresAt = null }, CreateOnly = true },
                CancellationToken.None);
            Assert.True(await Host.Instances.TryAcquireLeaseAsync(id, "node-a", now.AddMinutes(5), now, CancellationToken.None));
        }
        // node-a lost one instance to node-b (its lease expired while it was paused); node-a's fence on it must fail.
        var lost = ids[7];
        Assert.True(await Host.Instances.TryAcquireLeaseAsync(lost, "node-a", now.AddSeconds(-1), now.AddSeconds(-2), CancellationToken.None));
        Assert.True(await Host.Instances.TryAcquireLeaseAsync(lost, "node-b", now.AddMinutes(5), now, CancellationToken.None));
        var before = await Host.Instances.FindAsync(lost, CancellationToken.None);
        var groupedBefore = Host.EfInstances.GroupCommits;

        using var go = new SemaphoreSlim(0, ids.Count);
        var commits = ids.Select(id => Task.Run(async () =>
        {
            await go.WaitAsync();
            await Host.Instances.CommitAsync(new WorkflowInstanceCommit
            {
                Instance = Records.Instance(id, WorkflowStatus.Finished, WorkflowSubStatus.Finished, finishedAt: Records.T0) with { LeaseOwner = null, LeaseExpiresAt = null },
                LogRecords = [Records.Log(id, 1)],
                ExpectedLeaseOwner = "node-a",
            }, CancellationToken.None);
        })).ToList();
        go.Release(ids.Count);

        var refused = await Assert.ThrowsAsync<LeaseLostException>(() => commits[7]);
        await Task.WhenAll(commits.Where((_, i) => i != 7));

        Assert.Equal(lost, refused.InstanceId);
        Assert.Equal(before, await Host.Instances.FindAsync(lost, CancellationToken.None));
        Assert.Equal(0, (await Host.Instances.ListExecutionLogAsync(lost, new PageArgs(0, 10), CancellationToken.None)).TotalCount);
        foreach (var id in ids.Where(id => id != lost))
        {
            var stored = await Host.Instances.FindAsync(id, CancellationToken.None);
            Assert.Equal(WorkflowSubStatus.Finished, stored!.SubStatus);
            // The commit leaves the lease columns as they were: the lease is the host's to release.
            Assert.Equal("node-a", stored.LeaseOwner);
            Assert.Equal(1, (await Host.Instances.ListExecutionLogAsync(id, new PageArgs(0, 10), CancellationToken.None)).TotalCount);
        }
        if (groupedBefore is not null)
        {
            // PostgreSQL: the fenced commits went through group commit (the failed group's commits are written again alone).
            Assert.True(Host.EfInstances.GroupCommits.Since(groupedBefore).Commits >= ids.Count);
        }
    }
}


public sealed class SqliteGroupCommitTests(SqliteStoreFixture fixture)
    : GroupCommitTests(fixture), IClassFixture<SqliteStoreFixture>;

[Trait("Category", "Services")]
public sealed class PostgresGroupCommitTests(PostgresStoreFixture fixture)
    : GroupCommitTests(fixture), IClassFixture<PostgresStoreFixture>;
