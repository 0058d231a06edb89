using Recipes.Swarm.Docker;
using Recipes.Swarm.Stacks;
using TestKit;

namespace Recipes.Swarm.Tests.Stacks;

/// <summary>
/// The stability check callers run after the health gate and the tests (fixture swarm-settle): stable for a healthy
/// stack; unstable, naming the service, when a task that was healthy at convergence later fails its healthcheck and
/// Swarm rolls the update back (inside its 30 s monitor window) or replaces the task (a fresh deploy, no update).
/// </summary>
[Trait("Category", "Services")]
public sealed class StackStabilityTests(DockerFixture docker) : IClassFixture<DockerFixture>
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task A_converged_healthy_stack_is_stable()
    {
        await using var resources = docker.Track();
        var app = AppName.Parse(resources.Stack(UniqueName.For("stable")));
        var stacks = new StackTestContext(docker.Client);
        var port = FreePort.Next();
        var v1 = await stacks.Deployer.DeployAsync(await StackTestContext.RequestAsync(app, "swarm-settle", "1.0.0+1.0", port));
        Assert.True(v1.Succeeded, v1.ToString());
        var upgrade = await stacks.Deployer.DeployAsync(await StackTestContext.RequestAsync(app, "swarm-settle", "1.1.0+1.0", port));
        Assert.True(upgrade.Succeeded, upgrade.ToString());

        var stability = await stacks.Deployer.CheckStabilityAsync(app, upgrade.ConvergedAtUtc);

        Assert.True(stability.Stable, stability.ToString());
        Assert.Equal(app.Value, stability.Stack);
        Assert.Empty(stability.Failures);
    }

    [Fact]
    public async Task An_upgrade_that_turns_unhealthy_after_converging_is_unstable_and_rolled_back()
    {
        await using var resources = docker.Track();
        var app = AppName.Parse(resources.Stack(UniqueName.For("flaky")));
        var stacks = new StackTestContext(docker.Client);
        var port = FreePort.Next();
        var v1 = await stacks.Deployer.DeployAsync(await StackTestContext.RequestAsync(app, "swarm-settle", "1.0.0+1.0", port));
        Assert.True(v1.Succeeded, v1.ToString());

        // 2.0.0 is healthy for its first 8 s: the deploy converges on it.
        var upgrade = await stacks.Deployer.DeployAsync(await StackTestContext.RequestAsync(app, "swarm-settle", "2.0.0+1.0", port));
        Assert.Equal(DeployOutcome.Converged, upgrade.Outcome);

        var unstable = await PollUntilAsync(stacks, app, upgrade.ConvergedAtUtc, s => !s.Stable);
        var failure = Assert.Single(unstable.Failures);
        Assert.Equal($"{app}_app", failure.Service);
        Assert.Contains($"service {app}_app", unstable.ToString());

        // Swarm's update monitor caught the failing task and rolled the service back to 1.0.0: the check says so.
        var rolledBack = await PollUntilAsync(stacks, app, upgrade.ConvergedAtUtc, s => s.Failures.Any(f => f.Reason.Contains("rolled back by Swarm")));
        Assert.False(rolledBack.Stable);
        Assert.Equal($"{app}_app", Assert.Single(rolledBack.Failures).Service);
        Assert.Equal("1.0.0+1.0", await stacks.Queries.GetDeployedVersionAsync(app));
    }

    [Fact]
    public async Task A_task_that_fails_its_healthcheck_after_a_fresh_deploy_makes_the_stack_unstable()
    {
        await using var resources = docker.Track();
        var app = AppName.Parse(resources.Stack(UniqueName.For("decays")));
        var stacks = new StackTestContext(docker.Client);

        var deploy = await stacks.Deployer.DeployAsync(await StackTestContext.RequestAsync(app, "swarm-settle", "2.0.0+1.0", FreePort.Next()));
        Assert.Equal(DeployOutcome.Converged, deploy.Outcome);

        var unstable = await PollUntilAsync(stacks, app, deploy.ConvergedAtUtc, s => s.Failures.Any(f => f.Reason.Contains("ended since the deploy converged")));
        var failure = Assert.Single(unstable.Failures);
        Assert.Equal($"{app}_app", failure.Service);
        Assert.False(unstable.Stable);
    }

    /// <summary>Checks every half second until the condition holds; fails the test, with the last answer, past the bound.</summary>
    private static Task<StackStability> PollUntilAsync(StackTestContext stacks, AppName app, DateTime sinceUtc, Func<StackStability, bool> condition) =>
        Eventually.UntilAsync(() => stacks.Deployer.CheckStabilityAsync(app, sinceUtc), condition, Bound, stability => stability.ToString(),
            TimeSpan.FromMilliseconds(500));
}
