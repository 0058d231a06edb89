using Workflows.Core.Persistence;
using Workflows.Persistence.Tests.Fixtures;

namespace Workflows.Persistence.Tests.Engine;

/// <summary>
/// Group commit on the EF stores: commits of many instances made at once (written together in shared transactions)
/// are each durable when their call returns, and a failing commit among them (a duplicate create) fails alone.
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
}

public sealed class SqliteGroupCommitTests(SqliteStoreFixture fixture)
    : GroupCommitTests(fixture), IClassFixture<SqliteStoreFixture>;

[Trait("Category", "Services")]
public sealed class PostgresGroupCommitTests(PostgresStoreFixture fixture)
    : GroupCommitTests(fixture), IClassFixture<PostgresStoreFixture>;
