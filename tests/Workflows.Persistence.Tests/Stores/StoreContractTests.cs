using Workflows.Core.Persistence;
using Workflows.Persistence.Tests.Fixtures;
using static Workflows.Persistence.Tests.Fixtures.Records;

namespace Workflows.Persistence.Tests.Stores;

/// <summary>
/// The store behaviour every provider must show. Each provider runs this suite against its own database
/// (<see cref="SqliteStoreContractTests"/>, <see cref="PostgresStoreContractTests"/>). Tests use unique ids, since
/// they share the class's database.
/// </summary>
public abstract class StoreContractTests(StoreFixture fixture)
{
    private static readonly CancellationToken None = CancellationToken.None;

    private PersistenceHost Host => fixture.Host;

    [Fact]
    public async Task Definition_versions_round_trip_with_every_field()
    {
        var definitionId = NewId();
        var v1 = Definition(definitionId, 1, isPublished: true);
        var v2 = Definition(definitionId, 2, isLatest: true) with { ContentHash = null, Name = null };
        await Host.Definitions.SaveAsync([v2, v1], None);

        Assert.Equal(v1, await Host.Definitions.FindByIdAsync(v1.Id, None));
        Assert.Equal(v2, await Host.Definitions.FindByIdAsync(v2.Id, None));
        Assert.Equal([v1, v2], await Host.Definitions.ListVersionsAsync(definitionId, None));
        Assert.Null(await Host.Definitions.FindByIdAsync("missing", None));
    }

    [Fact]
    public async Task The_newest_matching_version_is_found_without_listing_them_all()
    {
        var definitionId = NewId();
        var v1 = Definition(definitionId, 1, isPublished: true);
        var v2 = Definition(definitionId, 2, isPublished: true);
        var v3 = Definition(definitionId, 3, isLatest: true);
        await Host.Definitions.SaveAsync([v3, v1, v2, Definition(NewId(), 4, isLatest: true, isPublished: true)], None);

        var versions = new WorkflowDefinitionFilter { DefinitionId = definitionId, OrderBy = WorkflowDefinitionOrder.Name };
        Assert.Equal(v2, await Host.Definitions.FindNewestAsync(versions with { IsPublished = true }, None));
        Assert.Equal(v3, await Host.Definitions.FindNewestAsync(versions with { IsLatest = true }, None));
        Assert.Equal(v1, await Host.Definitions.FindNewestAsync(versions with { Version = 1 }, None));
        Assert.Equal(v3, await Host.Definitions.FindNewestAsync(versions, None));
        Assert.Null(await Host.Definitions.FindNewestAsync(versions with { Version = 4 }, None));
        Assert.Null(await Host.Definitions.FindNewestAsync(new WorkflowDefinitionFilter { DefinitionId = NewId() }, None));
        // Flags asked false, and a flag with a further condition (a filter the store answers with its general query).
        Assert.Equal(v3, await Host.Definitions.FindNewestAsync(versions with { IsPublished = false }, None));
        Assert.Equal(v2, await Host.Definitions.FindNewestAsync(versions with { IsLatest = false }, None));
        Assert.Equal(v1, await Host.Definitions.FindNewestAsync(versions with { IsPublished = true, Version = 1 }, None));
        Assert.Null(await Host.Definitions.FindNewestAsync(versions with { IsLatest = true, IsPublished = true }, None));
    }

    [Fact]
    public async Task Saving_an_existing_version_replaces_it_and_publishing_flips_flags_in_one_save()
    {
        var definitionId = NewId();
        var v1 = Definition(definitionId, 1, isLatest: true, isPublished: true);
        await Host.Definitions.SaveAsync([v1], None);

        var v2 = Definition(definitionId, 2, isLatest: true, isPublished: true);
        await Host.Definitions.SaveAsync([v1 with { IsLatest = false, IsPublished = false }, v2], None);

        var latest = await Host.Definitions.ListAsync(new WorkflowDefinitionFilter { DefinitionId = definitionId, IsLatest = true }, PageArgs.All, None);
        var published = await Host.Definitions.ListAsync(new WorkflowDefinitionFilter { DefinitionId = definitionId, IsPublished = true }, PageArgs.All, None);
        Assert.Equal([v2], latest.Items);
        Assert.Equal([v2], published.Items);
        Assert.Equal(2, (await Host.Definitions.ListVersionsAsync(definitionId, None)).Count);
    }

    [Fact]
    public async Task Latest_and_published_can_be_different_versions()
    {
        var definitionId = NewId();
        var v1 = Definition(definitionId, 1, isPublished: true);
        var v2 = Definition(definitionId, 2, isLatest: true);
        await Host.Definitions.SaveAsync([v1, v2], None);

        var byVersion = new WorkflowDefinitionFilter { DefinitionIds = [definitionId], OrderBy = WorkflowDefinitionOrder.Version };
        Assert.Equal([v2], (await Host.Definitions.ListAsync(byVersion with { IsLatest = true }, PageArgs.All, None)).Items);
        Assert.Equal([v1], (await Host.Definitions.ListAsync(byVersion with { IsPublished = true }, PageArgs.All, None)).Items);
        Assert.Equal([v2], (await Host.Definitions.ListAsync(byVersion with { Version = 2 }, PageArgs.All, None)).Items);
        Assert.Equal([v2, v1], (await Host.Definitions.ListAsync(byVersion with { Descending = true }, PageArgs.All, None)).Items);
    }

    [Fact]
    public async Task Definitions_are_paged_by_name_with_a_total_and_searched_case_insensitively()
    {
        var prefix = "pg" + NewId()[..8];
        var all = Enumerable.Range(0, 5).Select(n => Definition($"{prefix}-{n}", 1, isLatest: true, name: $"{prefix} flow {n}")).ToList();
        await Host.Definitions.SaveAsync(all, None);

        var filter = new WorkflowDefinitionFilter { SearchTerm = prefix.ToUpperInvariant() + " FLOW", IsLatest = true };
        var page0 = await Host.Definitions.ListAsync(filter, new PageArgs(0, 2), None);
        var page2 = await Host.Definitions.ListAsync(filter, new PageArgs(2, 2), None);

        Assert.Equal(5, page0.TotalCount);
        Assert.Equal([all[0], all[1]], page0.Items);
        Assert.Equal([all[4]], page2.Items);

        // The total is right whether the page ends the list (the store may then skip the COUNT) or not.
        Assert.Equal(5, page2.TotalCount);
        Assert.Equal(5, (await Host.Definitions.ListAsync(filter, new PageArgs(0, 5), None)).TotalCount);
        Assert.Equal(5, (await Host.Definitions.ListAsync(filter, new PageArgs(0, 6), None)).TotalCount);
        Assert.Equal(5, (await Host.Definitions.ListAsync(filter, new PageArgs(1, 3), None)).TotalCount);
        Assert.Equal(5, (await Host.Definitions.ListAsync(filter, PageArgs.All, None)).TotalCount);
        var pastTheEnd = await Host.Definitions.ListAsync(filter, new PageArgs(3, 2), None);
        Assert.Empty(pastTheEnd.Items);
        Assert.Equal(5, pastTheEnd.TotalCount);
        Assert.Equal(0, (await Host.Definitions.ListAsync(filter with { SearchTerm = prefix + " none" }, new PageArgs(0, 2), None)).TotalCount);
    }

    [Fact]
    public async Task Deleting_definitions_reports_how_many_existed()
    {
        var definitionId = NewId();
        await Host.Definitions.SaveAsync([Definition(definitionId, 1), Definition(definitionId, 2)], None);

        Assert.Equal(1, await Host.Definitions.DeleteAsync([$"{definitionId}-v1", "missing"], None));
        Assert.Equal([2], (await Host.Definitions.ListVersionsAsync(definitionId, None)).Select(d => d.Version));
    }

    [Fact]
    public async Task A_commit_round_trips_the_instance_journal_execution_records_and_bookmarks()
    {
        var instance = Instance();
        var executions = new[] { Execution(instance.Id, "a1", T0), Execution(instance.Id, "a2", T0.AddSeconds(1), "Faulted") };
        var logs = new[] { Log(instance.Id, 1, "Started"), Log(instance.Id, 2) };
        var timer = Bookmark(instance.Id, "hash-" + NewId(), resumeAt: T0.AddHours(1));
        await Host.Instances.CommitAsync(new WorkflowInstanceCommit
        {
            Instance = instance,
            ActivityExecutions = executions,
            LogRecords = logs,
            AddedBookmarks = [timer],
        }, None);

        Assert.Equal(instance, await Host.Instances.FindAsync(instance.Id, None));
        Assert.Equal(executions, await Host.Instances.ListActivityExecutionsAsync(instance.Id, None));
        Assert.Equal(executions[1], await Host.Instances.FindActivityExecutionAsync(executions[1].Id, None));
        Assert.Null(await Host.Instances.FindActivityExecutionAsync("no-such-execution", None));
        var journal = await Host.Instances.ListExecutionLogAsync(instance.Id, PageArgs.All, None);
        Assert.Equal(logs, journal.Items);
        Assert.Equal(2, journal.TotalCount);
        Assert.Equal(timer, await Host.Bookmarks.FindByIdAsync(timer.Id, None));
    }

    [Fact]
    public async Task Later_commits_update_the_instance_upsert_execution_records_append_the_journal_and_swap_bookmarks()
    {
        var instance = Instance(subStatus: WorkflowSubStatus.Executing);
        var running = Execution(instance.Id, "a1", T0, status: "Running") with { CompletedAt = null, OutcomesJson = null };
        var bookmark = Bookmark(instance.Id, "h1-" + NewId());
        await Host.Instances.CommitAsync(new WorkflowInstanceCommit
        {
            Instance = instance, ActivityExecutions = [running], LogRecords = [Log(instance.Id, 1)], AddedBookmarks = [bookmark],
        }, None);

        var finished = instance with
        {
            Status = WorkflowStatus.Finished, SubStatus = WorkflowSubStatus.Finished, VariablesJson = """{"counter":4}""",
            FinishedAt = T0.AddSeconds(9), UpdatedAt = T0.AddSeconds(9),
        };
        var completed = running with { Status = "Completed", CompletedAt = T0.AddSeconds(2), OutcomesJson = """["Done"]""" };
        var next = Bookmark(instance.Id, "h2-" + NewId());
        await Host.Instances.CommitAsync(new WorkflowInstanceCommit
        {
            Instance = finished, ActivityExecutions = [completed], LogRecords = [Log(instance.Id, 2)],
            RemovedBookmarkIds = [bookmark.Id], AddedBookmarks = [next],
        }, None);

        Assert.Equal(finished, await Host.Instances.FindAsync(instance.Id, None));
        Assert.Equal([completed], await Host.Instances.ListActivityExecutionsAsync(instance.Id, None));
        Assert.Equal([1L, 2L], (await Host.Instances.ListExecutionLogAsync(instance.Id, PageArgs.All, None)).Items.Select(l => l.Sequence));
        Assert.Equal([next], await Host.Bookmarks.FindAsync(new BookmarkFilter { WorkflowInstanceId = instance.Id }, None));
    }

    [Fact]
    public async Task A_commit_never_turns_back_the_lease_only_lease_operations_change_it()
    {
        // The run loaded the instance with the lease as acquired; the heartbeat renewed it while a long step ran.
        var loaded = Instance(subStatus: WorkflowSubStatus.Executing) with { LeaseOwner = null, LeaseExpiresAt = null };
        await Host.Instances.CommitAsync(new WorkflowInstanceCommit { Instance = loaded, CreateOnly = true }, None);
        Assert.True(await Host.Instances.TryAcquireLeaseAsync(loaded.Id, "node-a", T0.AddSeconds(6), T0, None));
        var asRunning = loaded with { LeaseOwner = "node-a", LeaseExpiresAt = T0.AddSeconds(6) };
        Assert.True(await Host.Instances.RenewLeaseAsync(loaded.Id, "node-a", T0.AddSeconds(40), None));

        // The step's commit, unconditional and then lease-fenced, carries the lease as loaded (expired by now).
        await Host.Instances.CommitAsync(new WorkflowInstanceCommit { Instance = asRunning with { UpdatedAt = T0.AddSeconds(34) } }, None);
        var afterPlain = await Host.Instances.FindAsync(loaded.Id, None);
        Assert.Equal(("node-a", T0.AddSeconds(40), T0.AddSeconds(34)), (afterPlain!.LeaseOwner, afterPlain.LeaseExpiresAt, afterPlain.UpdatedAt));
        await Host.Instances.CommitAsync(new WorkflowInstanceCommit
        {
            Instance = asRunning with { UpdatedAt = T0.AddSeconds(35), LeaseOwner = null, LeaseExpiresAt = null }, ExpectedLeaseOwner = "node-a",
        }, None);
        var afterFenced = await Host.Instances.FindAsync(loaded.Id, None);
        Assert.Equal(("node-a", T0.AddSeconds(40), T0.AddSeconds(35)), (afterFenced!.LeaseOwner, afterFenced.LeaseExpiresAt, afterFenced.UpdatedAt));

        // So the recovery sweep does not see it expired at T0 + 20 s, though the commit's copy said T0 + 6 s.
        var expired = await Host.Instances.ListAsync(new WorkflowInstanceFilter { Ids = [loaded.Id], LeaseExpiredBefore = T0.AddSeconds(20) }, PageArgs.All, None);
        Assert.Empty(expired.Items);
    }

    [Fact]
    public async Task A_commit_that_fails_midway_stores_nothing()
    {
        var instance = Instance();
        var log = Log(instance.Id, 1);
        var bookmark = Bookmark(instance.Id, "h-" + NewId());
        // The second log record reuses the first one's id: the INSERT fails after the instance, the execution
        // record and the first log record were written inside the transaction.
        var failing = new WorkflowInstanceCommit
        {
            Instance = instance,
            ActivityExecutions = [Execution(instance.Id, "a1", T0)],
            LogRecords = [log, Log(instance.Id, 2) with { Id = log.Id }],
            AddedBookmarks = [bookmark],
        };

        await Assert.ThrowsAnyAsync<Exception>(() => Host.Instances.CommitAsync(failing, None));

        Assert.Null(await Host.Instances.FindAsync(instance.Id, None));
        Assert.Empty(await Host.Instances.ListActivityExecutionsAsync(instance.Id, None));
        Assert.Empty((await Host.Instances.ListExecutionLogAsync(instance.Id, PageArgs.All, None)).Items);
        Assert.Null(await Host.Bookmarks.FindByIdAsync(bookmark.Id, None));
    }

    [Fact]
    public async Task A_failed_commit_leaves_the_previous_state_of_an_existing_instance()
    {
        var instance = Instance();
        var log = Log(instance.Id, 1);
        await Host.Instances.CommitAsync(new WorkflowInstanceCommit { Instance = instance, LogRecords = [log] }, None);

        var failing = new WorkflowInstanceCommit
        {
            Instance = instance with { VariablesJson = """{"counter":99}""", SubStatus = WorkflowSubStatus.Suspended },
            LogRecords = [Log(instance.Id, 2) with { Id = log.Id }],
        };
        await Assert.ThrowsAnyAsync<Exception>(() => Host.Instances.CommitAsync(failing, None));

        Assert.Equal(instance, await Host.Instances.FindAsync(instance.Id, None));
        Assert.Equal([log], (await Host.Instances.ListExecutionLogAsync(instance.Id, PageArgs.All, None)).Items);
    }

    [Fact]
    public async Task A_commit_too_big_for_one_batch_is_split_and_still_atomic()
    {
        // 2,500 journal entries are 30,000 parameters: more than one batch may carry.
        var instance = Instance();
        var logs = Enumerable.Range(1, 2500).Select(n => Log(instance.Id, n)).ToList();
        var failing = new WorkflowInstanceCommit { Instance = instance, LogRecords = [.. logs, Log(instance.Id, 2501) with { Id = logs[0].Id }] };

        await Assert.ThrowsAnyAsync<Exception>(() => Host.Instances.CommitAsync(failing, None));
        Assert.Null(await Host.Instances.FindAsync(instance.Id, None));
        Assert.Equal(0, (await Host.Instances.ListExecutionLogAsync(instance.Id, PageArgs.All, None)).TotalCount);

        await Host.Instances.CommitAsync(new WorkflowInstanceCommit { Instance = instance, LogRecords = logs }, None);
        Assert.Equal(2500, (await Host.Instances.ListExecutionLogAsync(instance.Id, PageArgs.All, None)).TotalCount);
        var lastPage = await Host.Instances.ListExecutionLogAsync(instance.Id, new PageArgs(2, 1000), None);
        Assert.Equal(500, lastPage.Items.Count);
        Assert.Equal(2500, lastPage.Items[^1].Sequence);
        Assert.Equal(2500, lastPage.TotalCount);
        Assert.Equal(2500, (await Host.Instances.ListExecutionLogAsync(instance.Id, new PageArgs(0, 1000), None)).TotalCount);
    }

    [Fact]
    public async Task Instances_are_filtered_ordered_and_paged()
    {
        var definitionId = NewId();
        var instances = Enumerable.Range(0, 7)
            .Select(n => Instance(definitionId: definitionId, createdAt: T0.AddMinutes(n),
                status: n % 2 == 0 ? WorkflowStatus.Running : WorkflowStatus.Finished,
                subStatus: n % 2 == 0 ? WorkflowSubStatus.Suspended : WorkflowSubStatus.Faulted,
                finishedAt: n % 2 == 0 ? null : T0.AddMinutes(n + 1)))
            .ToList();
        foreach (var instance in instances)
        {
            await Host.Instances.CommitAsync(new WorkflowInstanceCommit { Instance = instance }, None);
        }

        var byDefinition = new WorkflowInstanceFilter { DefinitionId = definitionId };
        var page0 = await Host.Instances.ListAsync(byDefinition, new PageArgs(0, 3), None);
        var page2 = await Host.Instances.ListAsync(byDefinition, new PageArgs(2, 3), None);
        Assert.Equal(7, page0.TotalCount);
        Assert.Equal([instances[6], instances[5], instances[4]], page0.Items);
        Assert.Equal([instances[0]], page2.Items);
        Assert.Equal(7, page2.TotalCount);
        Assert.Equal(7, (await Host.Instances.ListAsync(byDefinition, new PageArgs(4, 3), None)).TotalCount);
        Assert.Equal(7, (await Host.Instances.ListAsync(byDefinition, PageArgs.All, None)).TotalCount);

        var oldestFirst = await Host.Instances.ListAsync(byDefinition with { Descending = false }, new PageArgs(0, 2), None);
        Assert.Equal([instances[0], instances[1]], oldestFirst.Items);

        var faulted = byDefinition with { SubStatuses = [WorkflowSubStatus.Faulted], OrderBy = WorkflowInstanceOrder.FinishedAt, Descending = false };
        Assert.Equal([instances[1], instances[3], instances[5]], (await Host.Instances.ListAsync(faulted, PageArgs.All, None)).Items);
        Assert.Equal(4, await Host.Instances.CountAsync(byDefinition with { Statuses = [WorkflowStatus.Running] }, None));
        Assert.Equal(2, await Host.Instances.CountAsync(byDefinition with { CreatedAfter = T0.AddMinutes(4) }, None));
        Assert.Equal(2, await Host.Instances.CountAsync(byDefinition with { FinishedBefore = T0.AddMinutes(5) }, None));
        Assert.Equal(7, await Host.Instances.CountAsync(byDefinition with { HasIncidents = true }, None));
        Assert.Equal(1, await Host.Instances.CountAsync(byDefinition with { SearchTerm = instances[3].CorrelationId!.ToUpperInvariant() }, None));
        Assert.Equal(2, await Host.Instances.CountAsync(byDefinition with { Ids = [instances[0].Id, instances[6].Id, "missing"] }, None));
    }

    [Fact]
    public async Task The_journal_is_paged_in_sequence_order()
    {
        var instance = Instance();
        var logs = Enumerable.Range(1, 5).Select(n => Log(instance.Id, n)).Reverse().ToList();
        await Host.Instances.CommitAsync(new WorkflowInstanceCommit { Instance = instance, LogRecords = logs }, None);

        var page = await Host.Instances.ListExecutionLogAsync(instance.Id, new PageArgs(1, 2), None);

        Assert.Equal(5, page.TotalCount);
        Assert.Equal([3L, 4L], page.Items.Select(l => l.Sequence));
    }

    [Fact]
    public async Task A_lease_is_exclusive_until_it_expires_or_is_released()
    {
        var instance = Instance() with { LeaseOwner = null, LeaseExpiresAt = null };
        await Host.Instances.CommitAsync(new WorkflowInstanceCommit { Instance = instance }, None);

        Assert.True(await Host.Instances.TryAcquireLeaseAsync(instance.Id, "a", T0.AddSeconds(30), T0, None));
        Assert.False(await Host.Instances.TryAcquireLeaseAsync(instance.Id, "b", T0.AddSeconds(40), T0.AddSeconds(10), None));
        Assert.True(await Host.Instances.TryAcquireLeaseAsync(instance.Id, "a", T0.AddSeconds(60), T0.AddSeconds(10), None));
        Assert.False(await Host.Instances.TryAcquireLeaseAsync(instance.Id, "b", T0.AddSeconds(90), T0.AddSeconds(59), None));
        Assert.True(await Host.Instances.TryAcquireLeaseAsync(instance.Id, "b", T0.AddSeconds(120), T0.AddSeconds(60), None));

        var held = await Host.Instances.FindAsync(instance.Id, None);
        Assert.Equal(("b", T0.AddSeconds(120)), (held!.LeaseOwner, held.LeaseExpiresAt));

        await Host.Instances.ReleaseLeaseAsync(instance.Id, "a", None);
        Assert.Equal("b", (await Host.Instances.FindAsync(instance.Id, None))!.LeaseOwner);
        await Host.Instances.ReleaseLeaseAsync(instance.Id, "b", None);
        Assert.Null((await Host.Instances.FindAsync(instance.Id, None))!.LeaseOwner);
        Assert.True(await Host.Instances.TryAcquireLeaseAsync(instance.Id, "c", T0.AddSeconds(30), T0, None));
        Assert.False(await Host.Instances.TryAcquireLeaseAsync("missing", "c", T0.AddSeconds(30), T0, None));
    }

    [Fact]
    public async Task A_free_lease_is_taken_with_the_row_read_in_the_same_statement()
    {
        var instance = Instance() with { LeaseOwner = null, LeaseExpiresAt = null };
        await Host.Instances.CommitAsync(new WorkflowInstanceCommit { Instance = instance }, None);

        var taken = await Host.Instances.TryTakeFreeLeaseAsync(instance.Id, "a", T0.AddSeconds(30), None);

        // The whole row, as a read returns it, with the lease in it.
        Assert.Equal(await Host.Instances.FindAsync(instance.Id, None), taken);
        Assert.Equal(instance with { LeaseOwner = "a", LeaseExpiresAt = T0.AddSeconds(30) }, taken);
        // Held (by another owner or the same one, expired or not): not free, and the row is left as it was.
        Assert.Null(await Host.Instances.TryTakeFreeLeaseAsync(instance.Id, "b", T0.AddSeconds(60), None));
        Assert.Null(await Host.Instances.TryTakeFreeLeaseAsync(instance.Id, "a", T0.AddSeconds(60), None));
        Assert.Equal(taken, await Host.Instances.FindAsync(instance.Id, None));
        Assert.Null(await Host.Instances.TryTakeFreeLeaseAsync("missing", "a", T0.AddSeconds(30), None));

        await Host.Instances.ReleaseLeaseAsync(instance.Id, "a", None);
        Assert.Equal("b", (await Host.Instances.TryTakeFreeLeaseAsync(instance.Id, "b", T0.AddSeconds(90), None))?.LeaseOwner);
    }

    [Fact]
    public async Task Concurrent_claimants_take_a_free_lease_exactly_once()
    {
        var instance = Instance() with { LeaseOwner = null, LeaseExpiresAt = null };
        await Host.Instances.CommitAsync(new WorkflowInstanceCommit { Instance = instance }, None);

        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(n =>
            Task.Run(() => Host.Instances.TryTakeFreeLeaseAsync(instance.Id, $"node-{n}", T0.AddSeconds(30), None))));

        Assert.Single(results, taken => taken is not null);
    }

    [Fact]
    public async Task Concurrent_claimants_get_the_lease_exactly_once()
    {
        var instance = Instance() with { LeaseOwner = null, LeaseExpiresAt = null };
        await Host.Instances.CommitAsync(new WorkflowInstanceCommit { Instance = instance }, None);

        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(n =>
            Task.Run(() => Host.Instances.TryAcquireLeaseAsync(instance.Id, $"node-{n}", T0.AddSeconds(30), T0, None))));

        Assert.Single(results, acquired => acquired);
    }

    [Fact]
    public async Task Instances_with_an_expired_or_missing_lease_are_found_for_recovery()
    {
        var definitionId = NewId();
        var expired = Instance(definitionId: definitionId) with { LeaseExpiresAt = T0 };
        var live = Instance(definitionId: definitionId) with { LeaseExpiresAt = T0.AddMinutes(5) };
        var none = Instance(definitionId: definitionId) with { LeaseOwner = null, LeaseExpiresAt = null };
        var finished = Instance(definitionId: definitionId, status: WorkflowStatus.Finished, subStatus: WorkflowSubStatus.Finished) with { LeaseExpiresAt = T0 };
        foreach (var instance in new[] { expired, live, none, finished })
        {
            await Host.Instances.CommitAsync(new WorkflowInstanceCommit { Instance = instance }, None);
        }

        var found = await Host.Instances.ListAsync(
            new WorkflowInstanceFilter { DefinitionId = definitionId, LeaseExpiredBefore = T0.AddMinutes(1) }, PageArgs.All, None);

        Assert.Equal(new[] { expired.Id, none.Id }.Order(), found.Items.Select(i => i.Id).Order());
    }

    [Fact]
    public async Task Bookmarks_are_found_by_hash_name_correlation_and_due_time()
    {
        var instance = Instance();
        var hash = "stimulus-" + NewId();
        var early = Bookmark(instance.Id, "t1-" + NewId(), resumeAt: T0.AddMinutes(1));
        var late = Bookmark(instance.Id, "t2-" + NewId(), resumeAt: T0.AddMinutes(5));
        var signal = Bookmark(instance.Id, hash, name: "Elsa.Event");
        await Host.Instances.CommitAsync(new WorkflowInstanceCommit { Instance = instance, AddedBookmarks = [late, signal, early] }, None);

        Assert.Equal([signal], await Host.Bookmarks.FindAsync(new BookmarkFilter { Hash = hash }, None));
        Assert.Equal([signal], await Host.Bookmarks.FindAsync(new BookmarkFilter { WorkflowInstanceId = instance.Id, Name = "Elsa.Event" }, None));
        Assert.Equal([early], await Host.Bookmarks.FindAsync(new BookmarkFilter { WorkflowInstanceId = instance.Id, ResumeAtOrBefore = T0.AddMinutes(2) }, None));
        Assert.Equal(3, (await Host.Bookmarks.FindAsync(new BookmarkFilter { WorkflowInstanceId = instance.Id, CorrelationId = "corr-b" }, None)).Count);
        Assert.Equal(early, await Host.Bookmarks.FindEarliestTimerAsync(instance.Id, None));
        Assert.Null(await Host.Bookmarks.FindEarliestTimerAsync("missing", None));
    }

    [Fact]
    public async Task Triggers_of_a_definition_are_replaced_as_a_whole_and_found_by_hash()
    {
        var definitionId = NewId();
        var other = NewId();
        var hash = "http-" + NewId();
        var otherTrigger = Trigger(other, "cron-" + NewId(), name: "Elsa.Cron");
        await Host.Triggers.ReplaceAsync(other, [otherTrigger], None);
        await Host.Triggers.ReplaceAsync(definitionId, [Trigger(definitionId, "old-" + NewId())], None);

        var current = Trigger(definitionId, hash);
        await Host.Triggers.ReplaceAsync(definitionId, [current], None);

        Assert.Equal([current], await Host.Triggers.FindAsync(new TriggerFilter { WorkflowDefinitionId = definitionId }, None));
        Assert.Equal([current], await Host.Triggers.FindAsync(new TriggerFilter { Hash = hash, Name = "Elsa.HttpEndpoint" }, None));
        await Host.Triggers.ReplaceAsync(definitionId, [], None);
        Assert.Empty(await Host.Triggers.FindAsync(new TriggerFilter { WorkflowDefinitionId = definitionId }, None));
        Assert.Equal([otherTrigger], await Host.Triggers.FindAsync(new TriggerFilter { WorkflowDefinitionId = other }, None));
    }

    [Fact]
    public async Task Deleting_instances_removes_their_journal_execution_records_and_bookmarks()
    {
        var doomed = Instance();
        var kept = Instance();
        foreach (var instance in new[] { doomed, kept })
        {
            await Host.Instances.CommitAsync(new WorkflowInstanceCommit
            {
                Instance = instance,
                ActivityExecutions = [Execution(instance.Id, "a1", T0)],
                LogRecords = [Log(instance.Id, 1)],
                AddedBookmarks = [Bookmark(instance.Id, "h-" + NewId())],
            }, None);
        }

        Assert.Equal(1, await Host.Instances.DeleteAsync([doomed.Id, "missing"], None));

        Assert.Null(await Host.Instances.FindAsync(doomed.Id, None));
        Assert.Empty(await Host.Instances.ListActivityExecutionsAsync(doomed.Id, None));
        Assert.Empty((await Host.Instances.ListExecutionLogAsync(doomed.Id, PageArgs.All, None)).Items);
        Assert.Empty(await Host.Bookmarks.FindAsync(new BookmarkFilter { WorkflowInstanceId = doomed.Id }, None));
        Assert.NotNull(await Host.Instances.FindAsync(kept.Id, None));
        Assert.Single(await Host.Instances.ListActivityExecutionsAsync(kept.Id, None));
        Assert.Single(await Host.Bookmarks.FindAsync(new BookmarkFilter { WorkflowInstanceId = kept.Id }, None));
    }

    [Fact]
    public async Task Concurrent_commits_of_many_instances_all_succeed()
    {
        var instances = Enumerable.Range(0, 16).Select(_ => Instance()).ToList();

        await Task.WhenAll(instances.Select(instance => Task.Run(async () =>
        {
            for (var step = 1; step <= 10; step++)
            {
                await Host.Instances.CommitAsync(new WorkflowInstanceCommit
                {
                    Instance = instance with { UpdatedAt = T0.AddSeconds(step) },
                    ActivityExecutions = [Execution(instance.Id, $"a{step}", T0.AddSeconds(step))],
                    LogRecords = [Log(instance.Id, step)],
                }, None);
            }
        })));

        foreach (var instance in instances)
        {
            Assert.Equal(10, (await Host.Instances.ListActivityExecutionsAsync(instance.Id, None)).Count);
            Assert.Equal(T0.AddSeconds(10), (await Host.Instances.FindAsync(instance.Id, None))!.UpdatedAt);
        }
    }
}
