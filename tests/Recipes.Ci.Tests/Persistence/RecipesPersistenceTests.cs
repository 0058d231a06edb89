using Recipes.Ci.Canonicals;
using Recipes.Ci.Persistence;
using Recipes.Ci.Runs;
using Workflows.Persistence.Configuration;

namespace Recipes.Ci.Tests.Persistence;

[Trait("Category", "Services")]
public sealed class RecipesPersistenceTests
{
    public static TheoryData<DatabaseProvider> Providers => new() { DatabaseProvider.Sqlite, DatabaseProvider.PostgreSql };

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Migrations_apply_twice_and_tables_round_trip(DatabaseProvider provider)
    {
        await using var db = await RecipesDb.CreateAsync(provider);
        await db.Get<RecipesDatabaseMigrator>().MigrateAsync(CancellationToken.None);

        var runs = db.Get<RunRecords>();
        await runs.StartAsync(new RunStart("run1", "run1", RunModes.Cold, "app", "1.0.0", "abc", null, RunTriggers.Manual, null), CancellationToken.None);
        await runs.AddDeployAsync("run1", CancellationToken.None);
        await runs.AddPhaseAsync("run1", "deploy", TimeSpan.FromSeconds(1.5), CancellationToken.None);
        await runs.AddPhaseAsync("run1", "deploy", TimeSpan.FromSeconds(1), CancellationToken.None);
        await runs.SetResultAsync("run1", RunResults.Pass, CancellationToken.None);
        var run = await runs.GetAsync("run1", CancellationToken.None);
        Assert.NotNull(run);
        Assert.Equal(1, run.DeployCount);
        Assert.Equal(2.5, run.PhaseSeconds["deploy"]);
        Assert.Null(run.Untrusted);
        await runs.StartAsync(new RunStart("fork1", "fork1", RunModes.Quick, "app", "abc", "abc", "3", RunTriggers.Webhook, null) { Untrusted = TestTrustReasons.Fork }, CancellationToken.None);
        Assert.Equal(TestTrustReasons.Fork, (await runs.GetAsync("fork1", CancellationToken.None))?.Untrusted);
        var odd = await Assert.ThrowsAsync<ArgumentException>(() => runs.StartAsync(
            new RunStart("odd1", "odd1", RunModes.Quick, "app", "abc", "abc", null, RunTriggers.Webhook, null) { Untrusted = "whatever" }, CancellationToken.None));
        Assert.Contains("'fork'", odd.Message, StringComparison.Ordinal);

        var warm = db.Get<WarmDependencyStateStore>();
        await warm.SaveAsync(new WarmDependencyState("keycloak", "26.0.0", "25.0.0", "snap", null, default), CancellationToken.None);
        Assert.Equal("25.0.0", (await warm.GetAsync("keycloak", CancellationToken.None))?.LastGood);

        var registry = db.Get<CanonicalRegistry>();
        var first = await registry.PromoteAsync("run1", "abc", "1.0.0", "snap-1", "ci-app-x", CancellationToken.None);
        Assert.Equal(PromotionKind.Seeded, first.Kind);
        var again = await registry.PromoteAsync("run1", "abc", "1.0.0", "snap-1", "ci-app-x", CancellationToken.None);
        Assert.Equal(PromotionKind.AlreadyPromoted, again.Kind);
        Assert.Equal("snap-1", (await registry.GetAsync("app", CancellationToken.None))?.SnapshotId);
    }

    [Fact]
    public async Task Quick_and_red_runs_never_promote()
    {
        await using var db = await RecipesDb.CreateAsync(DatabaseProvider.Sqlite);
        var runs = db.Get<RunRecords>();
        var registry = db.Get<CanonicalRegistry>();
        await runs.StartAsync(new RunStart("quick1", "quick1", RunModes.Quick, "app", "main", "abc", "7", RunTriggers.Webhook, null), CancellationToken.None);
        await runs.SetResultAsync("quick1", RunResults.Pass, CancellationToken.None);
        await runs.StartAsync(new RunStart("cold1", "cold1", RunModes.Cold, "app", "main", "abc", null, RunTriggers.Nightly, null), CancellationToken.None);
        await runs.SetResultAsync("cold1", RunResults.Fail, CancellationToken.None);

        Assert.Equal(PromotionKind.Refused, (await registry.PromoteAsync("quick1", "abc", null, "s", "ci-app-x", CancellationToken.None)).Kind);
        Assert.Equal(PromotionKind.Refused, (await registry.PromoteAsync("cold1", "abc", null, "s", "ci-app-x", CancellationToken.None)).Kind);
        Assert.Null(await registry.GetAsync("app", CancellationToken.None));

        await runs.StartAsync(new RunStart("cold2", "cold2", RunModes.ColdFallback, "app", "main", "abc", null, RunTriggers.Webhook, "quick1"), CancellationToken.None);
        await runs.SetResultAsync("cold2", RunResults.Pass, CancellationToken.None);
        Assert.Equal(PromotionKind.Seeded, (await registry.PromoteAsync("cold2", "abc", null, "s2", "ci-app-x", CancellationToken.None)).Kind);
        await runs.StartAsync(new RunStart("cold3", "cold3", RunModes.Cold, "app", "main", "def", null, RunTriggers.Nightly, null), CancellationToken.None);
        await runs.SetResultAsync("cold3", RunResults.Pass, CancellationToken.None);
        Assert.Equal(PromotionKind.Advanced, (await registry.PromoteAsync("cold3", "def", null, "s3", "ci-app-x", CancellationToken.None)).Kind);
        Assert.Equal("def", (await registry.GetAsync("app", CancellationToken.None))?.Commit);
    }
}
