using Recipes.Swarm.Docker;
using Recipes.Swarm.Stacks;
using TestKit;

namespace Recipes.Swarm.Tests.Stacks;

/// <summary>Deploys that must be reported as failed: a failing healthcheck, and Swarm's automatic rollback.</summary>
[Trait("Category", "Services")]
public sealed class StackFailureTests(DockerFixture docker) : IClassFixture<DockerFixture>
{
    [Fact]
    public async Task A_failing_healthcheck_is_a_failed_deploy_naming_the_service()
    {
        await using var resources = docker.Track();
        var app = AppName.Parse(resources.Stack(UniqueName.For("unhealthy")));
        var stacks = new StackTestContext(docker.Client);

        var result = await stacks.Deployer.DeployAsync(await StackTestContext.RequestAsync(app, "swarm-unhealthy", "1.0.0+1.0", FreePort.Next()));

        Assert.Equal(DeployOutcome.Failed, result.Outcome);
        var failure = Assert.Single(result.Failures);
        Assert.Equal($"{app}_app", failure.Service);
        Assert.Contains("restart loop", failure.Reason);
        Assert.Contains("database not reachable", failure.HealthcheckOutput);
        Assert.Contains($"service {app}_app", result.ToString());
    }

    [Fact]
    public async Task A_broken_image_with_failure_action_rollback_is_a_rolled_back_failed_deploy()
    {
        await using var resources = docker.Track();
        var app = AppName.Parse(resources.Stack(UniqueName.For("rollback")));
        var stacks = new StackTestContext(docker.Client);
        var port = FreePort.Next();
        var v1 = await stacks.Deployer.DeployAsync(await StackTestContext.RequestAsync(app, "swarm-web", "1.0.0+1.0", port));
        Assert.True(v1.Succeeded, v1.ToString());

        var progress = new List<DeployProgress>();
        var v2 = await stacks.Deployer.DeployAsync(await StackTestContext.RequestAsync(app, "swarm-web", "2.0.0+1.0", port), new SyncProgress(progress));

        Assert.False(v2.Succeeded);
        Assert.Equal(DeployOutcome.RolledBack, v2.Outcome);
        var failure = Assert.Single(v2.Failures);
        Assert.Equal($"{app}_app", failure.Service);
        Assert.Contains("rolled back", failure.Reason);
        Assert.False(string.IsNullOrEmpty(failure.TaskError), v2.ToString());
        Assert.Contains(progress, p => p.State == ServiceState.RolledBack);
        // Swarm restored the 1.0.0 spec; the app still answers.
        var service = await docker.Client.Swarm.InspectServiceAsync($"{app}_app");
        Assert.Equal("recipeci-fixture/busybox:1", service.Spec!.TaskTemplate!.ContainerSpec!.Image);
        Assert.Equal("1.0.0+1.0", await stacks.Queries.GetDeployedVersionAsync(app));
    }
}
