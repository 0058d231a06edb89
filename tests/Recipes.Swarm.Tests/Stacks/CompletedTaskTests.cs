using Docker.DotNet.Models;
using Recipes.Swarm.Docker;
using Recipes.Swarm.Stacks;
using TestKit;

namespace Recipes.Swarm.Tests.Stacks;

/// <summary>
/// A service whose task exits 0 (Swarm state "complete") never converges: the deploy must fail before its timeout,
/// naming the service, the task state and the exit code (fixture recipe swarm-completes).
/// </summary>
[Trait("Category", "Services")]
public sealed class CompletedTaskTests(DockerFixture docker) : IClassFixture<DockerFixture>
{
    [Fact]
    public async Task A_completed_task_that_on_failure_does_not_restart_is_a_failed_deploy()
    {
        await using var resources = docker.Track();
        var (result, app) = await DeployAsync(resources, "completes", "1.0.0+1.0");

        // Failed (not TimedOut): detected on the completion, not after the 90 s convergence timeout.
        Assert.Equal(DeployOutcome.Failed, result.Outcome);
        var failure = Assert.Single(result.Failures);
        Assert.Equal($"{app}_app", failure.Service);
        Assert.Contains("task state complete", failure.Reason);
        Assert.Contains("restart_policy on-failure", failure.Reason);
        Assert.Equal(0, failure.ExitCode);
    }

    [Fact]
    public async Task Tasks_that_keep_completing_under_restart_policy_any_are_a_restart_loop()
    {
        await using var resources = docker.Track();
        var (result, app) = await DeployAsync(resources, "completeloop", "2.0.0+1.0");

        Assert.Equal(DeployOutcome.Failed, result.Outcome);
        var failure = Assert.Single(result.Failures);
        Assert.Equal($"{app}_app", failure.Service);
        Assert.Contains("restart loop", failure.Reason);
        Assert.Contains("task state complete", failure.Reason);
        Assert.Equal(0, failure.ExitCode);
        Assert.Contains($"service {app}_app", result.ToString());
        // Swarm restarted the completing task: the service has at least MaxFailedTasks completed tasks.
        var tasks = await docker.Client.Tasks.ListAsync(new TasksListParameters { Filters = DockerFilters.Of("service", $"{app}_app") });
        Assert.True(tasks.Count(t => t.Status?.State == TaskState.Complete) >= 3, $"{tasks.Count} tasks");
    }

    private async Task<(StackDeployResult Result, AppName App)> DeployAsync(DockerResources resources, string prefix, string version)
    {
        var app = AppName.Parse(resources.Stack(UniqueName.For(prefix)));
        var stacks = new StackTestContext(docker.Client);
        var result = await stacks.Deployer.DeployAsync(await StackTestContext.RequestAsync(app, "swarm-completes", version, FreePort.Next()));
        return (result, app);
    }
}
