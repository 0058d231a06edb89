using Recipes.Swarm.Docker;
using Recipes.Swarm.Stacks;
using TestKit;

namespace Recipes.Swarm.Tests.Stacks;

/// <summary>
/// When a deploy counts as converged: a healthchecked service as soon as its new task is healthy, even while Swarm's
/// update monitor window is still open (fixture swarm-settle, monitor 30 s); a service without a healthcheck only once
/// its task has run for the monitor period (fixture swarm-exits: runs 2 s, exits 1, monitor 6 s).
/// </summary>
[Trait("Category", "Services")]
public sealed class ConvergenceRuleTests(DockerFixture docker) : IClassFixture<DockerFixture>
{
    [Fact]
    public async Task A_healthchecked_upgrade_converges_while_Swarm_still_monitors_the_update()
    {
        await using var resources = docker.Track();
        var app = AppName.Parse(resources.Stack(UniqueName.For("settle")));
        var stacks = new StackTestContext(docker.Client);
        var port = FreePort.Next();
        var v1 = await stacks.Deployer.DeployAsync(await StackTestContext.RequestAsync(app, "swarm-settle", "1.0.0+1.0", port));
        Assert.True(v1.Succeeded, v1.ToString());

        var upgrade = await stacks.Deployer.DeployAsync(await StackTestContext.RequestAsync(app, "swarm-settle", "1.1.0+1.0", port));

        Assert.Equal(DeployOutcome.Converged, upgrade.Outcome);
        Assert.Contains(new ServiceChange($"{app}_app", ServiceChangeKind.Updated), upgrade.Changes);
        // The deployer converged inside Swarm's 30 s monitor window, where the old rule would still be waiting for it.
        // On a loaded machine the window may have closed by the time we look, so judge by when Swarm closed it.
        var service = await docker.Client.Swarm.InspectServiceAsync($"{app}_app");
        var status = service.UpdateStatus;
        Assert.NotNull(status);
        if (status.State != "updating")
        {
            Assert.Equal("completed", status.State);
            var completed = status.CompletedAt?.ToUniversalTime();
            Assert.True(upgrade.ConvergedAtUtc < completed,
                $"converged at {upgrade.ConvergedAtUtc:O}, not before Swarm completed the update at {completed:O}");
        }
        Assert.Contains("RELEASE=1.1.0", service.Spec!.TaskTemplate!.ContainerSpec!.Env!);
        using var http = new HttpClient();
        var health = await HttpWait.UntilAnswersAsync(http, $"http://127.0.0.1:{port}/health", TimeSpan.FromSeconds(30));
        Assert.Equal("ok", (await health.Content.ReadAsStringAsync()).Trim());
    }

    [Fact]
    public async Task A_task_without_healthcheck_that_exits_within_the_monitor_period_is_not_converged()
    {
        await using var resources = docker.Track();
        var app = AppName.Parse(resources.Stack(UniqueName.For("exits")));
        var stacks = new StackTestContext(docker.Client);

        var result = await stacks.Deployer.DeployAsync(await StackTestContext.RequestAsync(app, "swarm-exits", "1.0.0+1.0", FreePort.Next()));

        Assert.Equal(DeployOutcome.Failed, result.Outcome);
        var failure = Assert.Single(result.Failures);
        Assert.Equal($"{app}_app", failure.Service);
        Assert.Contains("not restarted", failure.Reason);
        Assert.Equal(1, failure.ExitCode);
    }
}
