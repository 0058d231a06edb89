using Recipes.Ci.Locking;
using Workflows.Persistence.Configuration;

namespace Recipes.Ci.Tests.Persistence;

[Trait("Category", "Services")]
public sealed class AppLocksTests
{
    public static TheoryData<DatabaseProvider> Providers => new() { DatabaseProvider.Sqlite, DatabaseProvider.PostgreSql };

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Second_run_waits_and_release_hands_the_app_to_the_oldest_waiter(DatabaseProvider provider)
    {
        await using var db = await RecipesDb.CreateAsync(provider);
        var locks = db.Get<AppLocks>();

        Assert.True((await locks.TryAcquireAsync("warm-a", "r1", "i1", CancellationToken.None)).Acquired);
        Assert.True((await locks.TryAcquireAsync("warm-a", "r1", "i1", CancellationToken.None)).Acquired);
        var second = await locks.TryAcquireAsync("warm-a", "r2", "i2", CancellationToken.None);
        Assert.False(second.Acquired);
        Assert.Equal("r1", second.Holder.RunId);
        Assert.False((await locks.TryAcquireAsync("warm-a", "r3", "i3", CancellationToken.None)).Acquired);
        Assert.Equal(["r2", "r3"], await locks.ListWaitersAsync("warm-a", CancellationToken.None));

        var next = await locks.ReleaseAsync("warm-a", "r1", CancellationToken.None);
        Assert.Equal("r2", next?.RunId);
        Assert.False((await locks.TryAcquireAsync("warm-a", "r3", "i3", CancellationToken.None)).Acquired);
        Assert.True((await locks.TryAcquireAsync("warm-a", "r2", "i2", CancellationToken.None)).Acquired);
        Assert.Null(await locks.ReleaseAsync("warm-a", "r1", CancellationToken.None));
        Assert.Equal("r3", (await locks.ReleaseAsync("warm-a", "r2", CancellationToken.None))?.RunId);
        Assert.Null(await locks.ReleaseAsync("warm-a", "r3", CancellationToken.None));
        Assert.Null(await locks.GetHolderAsync("warm-a", CancellationToken.None));
    }

    [Fact]
    public async Task A_holder_whose_lease_expired_is_taken_over()
    {
        var clock = new ManualTime(DateTimeOffset.UtcNow);
        await using var db = await RecipesDb.CreateAsync(DatabaseProvider.Sqlite, new AppLockOptions(TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(1)), clock);
        var locks = db.Get<AppLocks>();
        Assert.True((await locks.TryAcquireAsync("warm-b", "r1", "i1", CancellationToken.None)).Acquired);
        Assert.False((await locks.TryAcquireAsync("warm-b", "r2", "i2", CancellationToken.None)).Acquired);
        clock.Advance(TimeSpan.FromSeconds(31));
        var taken = await locks.TryAcquireAsync("warm-b", "r2", "i2", CancellationToken.None);
        Assert.True(taken.Acquired);
        Assert.Equal("r1", taken.Stolen?.RunId);
        // The dead holder's late release must not free the new holder's lock.
        Assert.Null(await locks.ReleaseAsync("warm-b", "r1", CancellationToken.None));
        Assert.Equal("r2", (await locks.GetHolderAsync("warm-b", CancellationToken.None))?.RunId);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task A_release_never_hands_the_app_to_a_dead_waiter_and_dead_waiters_leave_no_rows(DatabaseProvider provider)
    {
        var ended = new EndedInstances();
        await using var db = await RecipesDb.CreateAsync(provider, liveness: ended);
        var locks = db.Get<AppLocks>();
        Assert.True((await locks.TryAcquireAsync("warm-c", "r1", "i1", CancellationToken.None)).Acquired);
        Assert.False((await locks.TryAcquireAsync("warm-c", "r2", "i2", CancellationToken.None)).Acquired);
        Assert.False((await locks.TryAcquireAsync("warm-c", "r3", "i3", CancellationToken.None)).Acquired);
        Assert.False((await locks.TryAcquireAsync("warm-c", "r4", "i4", CancellationToken.None)).Acquired);

        // r2 faulted while waiting (its instance ended), r3 was cancelled: the app goes to r4, their rows go.
        ended.Add("i2");
        ended.Add("i3");
        Assert.Equal("r4", (await locks.ReleaseAsync("warm-c", "r1", CancellationToken.None))?.RunId);
        Assert.Empty(await locks.ListWaitersAsync("warm-c", CancellationToken.None));

        // A waiter whose AcquireAppLock faulted takes itself out of the queue; one that ended unnoticed is purged.
        Assert.False((await locks.TryAcquireAsync("warm-c", "r5", "i5", CancellationToken.None)).Acquired);
        Assert.False((await locks.TryAcquireAsync("warm-c", "r6", "i6", CancellationToken.None)).Acquired);
        Assert.Equal(1, await locks.LeaveQueuesAsync("i5", CancellationToken.None));
        ended.Add("i6");
        Assert.Equal(1, await locks.PurgeDeadWaitersAsync(CancellationToken.None));
        Assert.Empty(await locks.ListWaitersAsync("warm-c", CancellationToken.None));
        Assert.Null(await locks.ReleaseAsync("warm-c", "r4", CancellationToken.None));
        Assert.Null(await locks.GetHolderAsync("warm-c", CancellationToken.None));
    }

    [Fact]
    public async Task A_dead_holder_is_taken_over_and_a_dead_waiter_leaves_no_row()
    {
        var ended = new EndedInstances();
        await using var db = await RecipesDb.CreateAsync(DatabaseProvider.Sqlite, liveness: ended);
        var locks = db.Get<AppLocks>();
        Assert.True((await locks.TryAcquireAsync("warm-d", "r1", "i1", CancellationToken.None)).Acquired);
        Assert.False((await locks.TryAcquireAsync("warm-d", "r2", "i2", CancellationToken.None)).Acquired);
        ended.Add("i1");
        ended.Add("i2");
        // The holder died (its lock is taken over by whoever checks first); the dead waiter is dropped at the next release.
        Assert.True((await locks.TryAcquireAsync("warm-d", "r3", "i3", CancellationToken.None)).Acquired);
        await locks.ReleaseAsync("warm-d", "r3", CancellationToken.None);
        Assert.Empty(await locks.ListWaitersAsync("warm-d", CancellationToken.None));
        Assert.Null(await locks.GetHolderAsync("warm-d", CancellationToken.None));
    }

    /// <summary>The engine's view as InstanceStoreLiveness gives it: an instance added here has finished (faulted, cancelled).</summary>
    private sealed class EndedInstances : IRunInstanceLiveness
    {
        private readonly System.Collections.Concurrent.ConcurrentDictionary<string, bool> _ended = new();

        public void Add(string instanceId) => _ended[instanceId] = true;

        public Task<bool> MayBeRunningAsync(string instanceId, CancellationToken cancellationToken) => Task.FromResult(!_ended.ContainsKey(instanceId));
    }

    private sealed class ManualTime(DateTimeOffset now) : TimeProvider
    {
        private DateTimeOffset _now = now;

        public override DateTimeOffset GetUtcNow() => _now;

        public void Advance(TimeSpan by) => _now += by;
    }
}
