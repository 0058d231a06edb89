using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Workflows.Core.Activities;
using Workflows.Core.Persistence;
using Workflows.Core.Runtime;
using Workflows.Persistence.Tests.Fixtures;

namespace Workflows.Persistence.Tests.Engine;

/// <summary>
/// The conditions a commit can carry, on the EF stores: lease fencing (a worker that lost its lease writes nothing),
/// create-only (a second start of one id never overwrites the first), and consuming a queued stimulus exactly once.
/// </summary>
public abstract class CommitConditionTests(StoreFixture fixture)
{
    private PersistenceHost Host => fixture.Host;
    private IStimulusStore Stimuli => Host.Services.GetRequiredService<IStimulusStore>();

    private WorkflowEngine NewEngine(string workerId) => new(
        ActivityRegistry.CreateWithBuiltIns(), Host.Definitions, Host.Instances, Host.Bookmarks,
        new WorkflowEngineServices { Lines = new CollectingWriteLineSink(), WorkerId = workerId });

    private async Task<StoredWorkflowDefinition> SaveDefinitionAsync()
    {
        var definition = SequentialWorkflow.Create("cond-" + Guid.NewGuid().ToString("N"), 3);
        await Host.Definitions.SaveAsync([definition], CancellationToken.None);
        return definition;
    }

    [Fact]
    public async Task A_worker_whose_lease_was_taken_over_cannot_commit_and_the_row_stays_the_new_owners()
    {
        var definition = await SaveDefinitionAsync();
        var first = NewEngine("node-a");
        var second = NewEngine("node-b");
        var instance = await first.CreateInstanceAsync(definition, new WorkflowStartOptions(), CancellationToken.None);
        var now = DateTimeOffset.UtcNow;
        // node-a held a lease that has run out (it was paused); node-b takes the instance over.
        Assert.True(await Host.Instances.TryAcquireLeaseAsync(instance.Id, "node-a", now.AddSeconds(-1), now.AddSeconds(-2), CancellationToken.None));
        Assert.True(await Host.Instances.TryAcquireLeaseAsync(instance.Id, "node-b", now.AddSeconds(30), now, CancellationToken.None));
        var before = await Host.Instances.FindAsync(instance.Id, CancellationToken.None);

        await Assert.ThrowsAsync<LeaseLostException>(() =>
            first.RunAsync(instance.Id, new WorkflowRunControl { LeaseOwner = "node-a" }, CancellationToken.None));

        var after = await Host.Instances.FindAsync(instance.Id, CancellationToken.None);
        Assert.Equal(before, after);
        Assert.Equal(0, (await Host.Instances.ListExecutionLogAsync(instance.Id, new PageArgs(0, 100), CancellationToken.None)).TotalCount);

        var finished = await second.RunAsync(instance.Id, new WorkflowRunControl { LeaseOwner = "node-b" }, CancellationToken.None);
        Assert.Equal(WorkflowSubStatus.Finished, finished.SubStatus);
        var stored = await Host.Instances.FindAsync(instance.Id, CancellationToken.None);
        Assert.Equal(WorkflowSubStatus.Finished, stored!.SubStatus);
        Assert.Equal("node-b", stored.LeaseOwner);
    }

    [Fact]
    public async Task A_run_that_ends_its_lease_when_finished_clears_it_in_the_final_commit()
    {
        var definition = await SaveDefinitionAsync();
        var engine = NewEngine("node-a");
        var instance = await engine.CreateInstanceAsync(definition, new WorkflowStartOptions(), CancellationToken.None);
        var now = DateTimeOffset.UtcNow;
        Assert.True(await Host.Instances.TryAcquireLeaseAsync(instance.Id, "node-a", now.AddSeconds(30), now, CancellationToken.None));

        var finished = await engine.RunAsync(instance.Id, new WorkflowRunControl { LeaseOwner = "node-a", EndsLeaseWhenFinished = true }, CancellationToken.None);

        Assert.Equal(WorkflowSubStatus.Finished, finished.SubStatus);
        Assert.Null(finished.LeaseOwner);
        var stored = await Host.Instances.FindAsync(instance.Id, CancellationToken.None);
        Assert.Equal(WorkflowSubStatus.Finished, stored!.SubStatus);
        Assert.Null(stored.LeaseOwner);
        Assert.Null(stored.LeaseExpiresAt);
        // Nothing is left to renew: the lease ended with the write that finished the instance.
        Assert.False(await Host.Instances.RenewLeaseAsync(instance.Id, "node-a", now.AddSeconds(60), CancellationToken.None));
    }

    [Fact]
    public async Task A_lease_taken_over_and_released_is_not_renewed_by_the_old_owner_whose_commit_stays_refused()
    {
        var definition = await SaveDefinitionAsync();
        var first = NewEngine("node-a");
        var instance = await first.CreateInstanceAsync(definition, new WorkflowStartOptions(), CancellationToken.None);
        var now = DateTimeOffset.UtcNow;
        Assert.True(await Host.Instances.TryAcquireLeaseAsync(instance.Id, "node-a", now.AddSeconds(-1), now.AddSeconds(-2), CancellationToken.None));
        // An expired lease nobody took is still node-a's to renew.
        Assert.True(await Host.Instances.RenewLeaseAsync(instance.Id, "node-a", now.AddSeconds(-1), CancellationToken.None));
        // node-b takes it over (a cancel, say), commits and releases it.
        Assert.True(await Host.Instances.TryAcquireLeaseAsync(instance.Id, "node-b", now.AddSeconds(30), now, CancellationToken.None));
        var cancelled = await NewEngine("node-b").CancelAsync(instance.Id, new WorkflowRunControl { LeaseOwner = "node-b" }, CancellationToken.None);
        Assert.Equal(WorkflowSubStatus.Cancelled, cancelled.SubStatus);
        await Host.Instances.ReleaseLeaseAsync(instance.Id, "node-b", CancellationToken.None);

        // node-a's heartbeat cannot get it back, and its stale run writes nothing over the cancellation.
        Assert.False(await Host.Instances.RenewLeaseAsync(instance.Id, "node-a", now.AddSeconds(30), CancellationToken.None));
        var stored = await Host.Instances.FindAsync(instance.Id, CancellationToken.None);
        Assert.Null(stored!.LeaseOwner);
        // The stale state node-a still holds in memory (Pending) is refused by the fence.
        await Assert.ThrowsAsync<LeaseLostException>(() => Host.Instances.CommitAsync(
            new WorkflowInstanceCommit { Instance = instance, ExpectedLeaseOwner = "node-a" }, CancellationToken.None));
        Assert.Equal(WorkflowSubStatus.Cancelled, (await Host.Instances.FindAsync(instance.Id, CancellationToken.None))!.SubStatus);
    }

    [Fact]
    public async Task Two_concurrent_starts_of_one_instance_id_create_it_once_and_the_loser_is_told_it_exists()
    {
        var definition = await SaveDefinitionAsync();
        var id = Guid.NewGuid().ToString("N");
        var engines = new[] { NewEngine("node-a"), NewEngine("node-b") };
        using var go = new SemaphoreSlim(0, 2);
        var starts = engines.Select((engine, i) => Task.Run(async () =>
        {
            await go.WaitAsync();
            return await engine.CreateInstanceAsync(definition, new WorkflowStartOptions { InstanceId = id, Input = new JsonObject { ["starter"] = i } }, CancellationToken.None);
        })).ToList();
        go.Release(2);
        var outcomes = await Task.WhenAll(starts.Select(async t =>
        {
            try
            {
                return (Created: await t, Refused: (InstanceAlreadyExistsException?)null);
            }
            catch (InstanceAlreadyExistsException e)
            {
                return (Created: (WorkflowInstanceRecord?)null, Refused: e);
            }
        }));

        var winner = Assert.Single(outcomes, o => o.Created is not null).Created!;
        Assert.Single(outcomes, o => o.Refused is not null);
        var stored = await Host.Instances.FindAsync(id, CancellationToken.None);
        Assert.Equal(winner.InputJson, stored!.InputJson);

        // A start that comes after the instance ran does not overwrite it either.
        await engines[0].RunAsync(id, CancellationToken.None);
        await Assert.ThrowsAsync<InstanceAlreadyExistsException>(() =>
            engines[1].CreateInstanceAsync(definition, new WorkflowStartOptions { InstanceId = id }, CancellationToken.None));
        Assert.Equal(WorkflowSubStatus.Finished, (await Host.Instances.FindAsync(id, CancellationToken.None))!.SubStatus);
    }

    [Fact]
    public async Task A_queued_stimulus_is_consumed_by_one_commit_and_a_second_consumer_writes_nothing()
    {
        var definition = await SaveDefinitionAsync();
        var engine = NewEngine("node-a");
        var instance = await engine.CreateInstanceAsync(definition, new WorkflowStartOptions(), CancellationToken.None);
        // Whole seconds: PostgreSQL keeps microseconds, and the record must round-trip exactly.
        var now = DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds());
        var stimulus = new StimulusRecord
        {
            Id = Guid.NewGuid().ToString("N"),
            BookmarkName = "Test.Signal",
            BookmarkHash = BookmarkHash.Compute("Test.Signal", null),
            InputJson = """{"value":1}""",
            CreatedAt = now,
            ExpiresAt = now.AddMinutes(5),
        };
        await Stimuli.AddAsync(stimulus, CancellationToken.None);
        Assert.Equal(stimulus, await Stimuli.FindAsync(stimulus.Id, CancellationToken.None));
        Assert.Contains(await Stimuli.ListPendingAsync(DateTimeOffset.UtcNow, 100, CancellationToken.None), s => s.Id == stimulus.Id);

        var consuming = instance with { VariablesJson = """{"Counter":1}""", UpdatedAt = instance.UpdatedAt.AddSeconds(1) };
        await Host.Instances.CommitAsync(new WorkflowInstanceCommit { Instance = consuming, ConsumedStimulusIds = [stimulus.Id] }, CancellationToken.None);
        Assert.Null(await Stimuli.FindAsync(stimulus.Id, CancellationToken.None));

        var late = consuming with { VariablesJson = """{"Counter":2}""" };
        await Assert.ThrowsAsync<StimulusConsumedException>(() =>
            Host.Instances.CommitAsync(new WorkflowInstanceCommit { Instance = late, ConsumedStimulusIds = [stimulus.Id] }, CancellationToken.None));
        Assert.Equal("""{"Counter":1}""", (await Host.Instances.FindAsync(instance.Id, CancellationToken.None))!.VariablesJson);
    }

    [Fact]
    public async Task Expired_stimuli_are_deleted_and_no_longer_listed()
    {
        var now = DateTimeOffset.UtcNow;
        var expired = new StimulusRecord
        {
            Id = Guid.NewGuid().ToString("N"),
            BookmarkName = "Test.Signal",
            BookmarkHash = BookmarkHash.Compute("Test.Signal", null),
            CreatedAt = now.AddMinutes(-10),
            ExpiresAt = now.AddMinutes(-1),
        };
        await Stimuli.AddAsync(expired, CancellationToken.None);
        Assert.DoesNotContain(await Stimuli.ListPendingAsync(now, 1000, CancellationToken.None), s => s.Id == expired.Id);
        Assert.True(await Stimuli.DeleteExpiredAsync(now, CancellationToken.None) >= 1);
        Assert.Null(await Stimuli.FindAsync(expired.Id, CancellationToken.None));
    }
}

public sealed class SqliteCommitConditionTests(SqliteStoreFixture fixture)
    : CommitConditionTests(fixture), IClassFixture<SqliteStoreFixture>;

[Trait("Category", "Services")]
public sealed class PostgresCommitConditionTests(PostgresStoreFixture fixture)
    : CommitConditionTests(fixture), IClassFixture<PostgresStoreFixture>;
