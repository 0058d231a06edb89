using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Recipes.Ci.Forge;
using Recipes.Ci.Persistence;
using Recipes.Ci.Runs;
using Recipes.Ci.Tests.Persistence;
using Workflows.Persistence.Configuration;

namespace Recipes.Ci.Tests.Forge;

/// <summary>
/// The forge outbox on both databases: each step is queued once per run, a run's rows go out in order (the final
/// status only once the pending one is done), a claimed row is not claimed twice, failures wait with backoff, and a
/// permanent refusal is given up after a few attempts.
/// </summary>
[Trait("Category", "Services")]
public sealed class ForgeOutboxTests
{
    private static readonly ForgeOptions Gitea = new(ForgeKind.Gitea, new Uri("http://127.0.0.1:1"), "t", new Uri("https://ci.example.org/"), Comment: true);

    public static TheoryData<DatabaseProvider> Providers => new() { DatabaseProvider.Sqlite, DatabaseProvider.PostgreSql };

    private sealed class ManualTime : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = new(2026, 12, 6, 12, 0, 0, TimeSpan.Zero);
        public override DateTimeOffset GetUtcNow() => Now;
    }

    private static RunRecord Finished(string runId, string commit) => new(runId, runId, RunModes.Quick, "app", "abc", commit, "7", RunTriggers.Webhook,
        null, RunResults.Pass, 1, new Dictionary<string, double>(),
        null, "<testsuite><testcase name=\"health\" time=\"0.1\"/><testcase name=\"schema\" time=\"0.2\"/></testsuite>", null,
        new DateTimeOffset(2026, 12, 6, 11, 59, 19, TimeSpan.Zero), new DateTimeOffset(2026, 12, 6, 12, 0, 0, TimeSpan.Zero));

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Steps_are_queued_once_and_posted_in_order_with_backoff(DatabaseProvider provider)
    {
        var time = new ManualTime();
        await using var db = await RecipesDb.CreateAsync(provider);
        var contexts = db.Get<IDbContextFactory<RecipesDbContext>>();
        var outbox = new ForgeOutbox(contexts, Gitea, [], time, NullLogger<ForgeOutbox>.Instance);
        var claims = new ForgeOutboxClaims(contexts, time);
        var link = new ForgeRunLink("run1", "org/app", "abc", "7", RunModes.Quick);

        await outbox.EnqueueFinalAsync(Finished("other", "def"), RunResults.Pass, CancellationToken.None);
        await outbox.EnqueuePendingAsync(link, CancellationToken.None);
        await outbox.EnqueuePendingAsync(link, CancellationToken.None);
        await outbox.EnqueueFinalAsync(Finished("run1", "abc"), RunResults.Pass, CancellationToken.None);
        await outbox.EnqueueFinalAsync(Finished("run1", "abc"), RunResults.Pass, CancellationToken.None);

        Assert.Empty(await outbox.ListAsync("other", CancellationToken.None));
        var rows = await outbox.ListAsync("run1", CancellationToken.None);
        Assert.Equal([ForgeOutboxSteps.Pending, ForgeOutboxSteps.Final, ForgeOutboxSteps.Comment], rows.Select(r => r.Step));
        Assert.Equal("https://ci.example.org/runs/run1", rows[0].TargetUrl);
        Assert.Equal("quick: 2/2 tests passed, 1 deploy, 41 s", rows[1].Description);
        Assert.Equal("success", rows[1].State);
        Assert.Contains("| schema | pass | 0.2 |", rows[2].Body, StringComparison.Ordinal);

        // Only the pending status is due: the final waits for it, and a claimed row is not claimed again.
        var first = Assert.Single(await claims.ClaimDueAsync(10, CancellationToken.None));
        Assert.Equal(ForgeOutboxSteps.Pending, first.Step);
        Assert.Empty(await claims.ClaimDueAsync(10, CancellationToken.None));

        // The forge is down: the next attempt waits 2 s.
        Assert.False(await claims.FailedAsync(first, "connection refused", permanent: false, CancellationToken.None));
        Assert.Empty(await claims.ClaimDueAsync(10, CancellationToken.None));
        time.Now += TimeSpan.FromSeconds(2);
        var again = Assert.Single(await claims.ClaimDueAsync(10, CancellationToken.None));
        Assert.Equal(first.Id, again.Id);
        await claims.DoneAsync(again.Id, CancellationToken.None);

        // Then the final status and the comment, in order.
        var final = Assert.Single(await claims.ClaimDueAsync(10, CancellationToken.None));
        Assert.Equal(ForgeOutboxSteps.Final, final.Step);
        await claims.DoneAsync(final.Id, CancellationToken.None);
        var comment = Assert.Single(await claims.ClaimDueAsync(10, CancellationToken.None));
        Assert.Equal(ForgeOutboxSteps.Comment, comment.Step);

        // A permanent refusal (e.g. 404 unknown repository) is given up after a few attempts.
        var gaveUp = false;
        for (var attempt = 0; attempt < ForgeOutboxClaims.PermanentAttempts && !gaveUp; attempt++)
        {
            var row = (await outbox.ListAsync("run1", CancellationToken.None)).Single(r => r.Step == ForgeOutboxSteps.Comment);
            gaveUp = await claims.FailedAsync(row, "404 Not Found", permanent: true, CancellationToken.None);
            time.Now += ForgeOutboxClaims.MaxBackoff;
        }
        Assert.True(gaveUp);
        Assert.Empty(await claims.ClaimDueAsync(10, CancellationToken.None));
        Assert.All(await outbox.ListAsync("run1", CancellationToken.None), r => Assert.NotNull(r.DoneAt));
    }

    [Fact]
    public async Task Without_a_forge_nothing_is_queued()
    {
        await using var db = await RecipesDb.CreateAsync(DatabaseProvider.Sqlite);
        var outbox = new ForgeOutbox(db.Get<IDbContextFactory<RecipesDbContext>>(), ForgeOptions.None, [], TimeProvider.System, NullLogger<ForgeOutbox>.Instance);
        await outbox.EnqueuePendingAsync(new ForgeRunLink("run1", "org/app", "abc", null, RunModes.Cold), CancellationToken.None);
        Assert.Empty(await outbox.ListAsync("run1", CancellationToken.None));
    }

    [Fact]
    public void Options_never_print_the_token() =>
        Assert.DoesNotContain("secret-token", (Gitea with { Token = "secret-token" }).ToString(), StringComparison.Ordinal);
}
