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

    private sealed class ManualTime(DateTimeOffset now) : TimeProvider
    {
        private DateTimeOffset _now = now;

        public override DateTimeOffset GetUtcNow() => _now;

        public void Advance(TimeSpan by) => _now += by;
    }
}
