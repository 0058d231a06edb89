using TestKit;

namespace RecipeCi.Tests.Forge;

/// <summary>
/// Commit statuses from a real <c>recipeci serve</c> process to forge fakes, for quick runs started by each forge's
/// <c>pull_request</c> webhook on the real Swarm (the <c>ci-app</c> fixture): the PR head's sha gets <c>pending</c>, then
/// <c>success</c> for the passing PR and <c>failure</c> for the fork's failing one, each linking to its run page. The
/// Gitea is down from before the runs until 30 s later, with the server crashed and started again in between: the
/// outbox posts everything once it is back. GitHub also gets the test table as a PR comment (<c>Forge:Comment</c>).
/// </summary>
[Trait("Category", "Services")]
public sealed class ForgeStatusTests(DockerFixture docker) : IClassFixture<DockerFixture>
{
    private static readonly TimeSpan Down = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Gitea_down_for_30_s_across_a_server_restart_still_gets_pending_then_success_and_failure()
    {
        await using var world = await ForgeStatusWorld.StartAsync(docker, name => new FakeGitea(name), "Gitea", comment: false);
        var downSince = DateTime.UtcNow;

        var passing = await world.RunPullRequestAsync(1, world.PassingSha, github: false);
        var failing = await world.RunPullRequestAsync(2, world.FailingSha, github: false);
        Assert.Empty(world.Fake.Statuses);
        await world.Server.RestartAfterCrashAsync();
        var wait = Down - (DateTime.UtcNow - downSince);
        if (wait > TimeSpan.Zero)
            await Task.Delay(wait);
        await world.Fake.StartAsync();

        world.AssertPendingThen(await world.StatusesAsync(world.PassingSha, 2), "success", passing);
        world.AssertPendingThen(await world.StatusesAsync(world.FailingSha, 2), "failure", failing);
        Assert.DoesNotContain(FakeForge.Token, world.Server.Process.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GitHub_gets_pending_then_success_and_failure_and_the_test_table_as_a_comment()
    {
        await using var world = await ForgeStatusWorld.StartAsync(docker, name => new FakeGitHub(name), "GitHub", comment: true);
        await world.Fake.StartAsync();

        var passing = await world.RunPullRequestAsync(1, world.PassingSha, github: true);
        world.AssertPendingThen(await world.StatusesAsync(world.PassingSha, 2), "success", passing);
        var failing = await world.RunPullRequestAsync(2, world.FailingSha, github: true);
        world.AssertPendingThen(await world.StatusesAsync(world.FailingSha, 2), "failure", failing);

        await Eventually.UntilAsync(() => Task.FromResult(world.Fake.Comments.Count >= 2), ForgeStatusWorld.Patience,
            () => $"{world.Fake.Comments.Count} comments:\n{world.Server.Process.Output}");
        var comments = world.Fake.Comments.OrderBy(c => c.Number).ToList();
        Assert.Equal([1, 2], comments.Select(c => c.Number));
        Assert.Contains("| schema | pass |", comments[0].Body, StringComparison.Ordinal);
        Assert.Contains("| schema | **fail** |", comments[1].Body, StringComparison.Ordinal);
        Assert.Contains($"({ForgeStatusWorld.PublicUrl}/runs/{failing}", comments[1].Body, StringComparison.Ordinal);
        Assert.DoesNotContain(FakeForge.Token, world.Server.Process.Output, StringComparison.Ordinal);
    }
}
