using Recipes.Swarm.Docker;
using Recipes.Swarm.Stacks;
using TestKit;

namespace Recipes.Swarm.Tests.Stacks;

/// <summary>A failed deploy says why: task state and error, exit code and the last lines the container printed.</summary>
[Trait("Category", "Services")]
public sealed class FailureOutputTests(DockerFixture docker) : IClassFixture<DockerFixture>
{
    [Fact]
    public async Task A_task_that_exits_puts_its_state_exit_code_and_last_50_lines_into_the_failure()
    {
        await using var resources = docker.Track();
        var app = AppName.Parse(resources.Stack(UniqueName.For("crash")));
        var stacks = new StackTestContext(docker.Client);

        var result = await stacks.Deployer.DeployAsync(await StackTestContext.RequestAsync(app, "swarm-crash", "1.0.0+1.0", FreePort.Next()));

        Assert.Equal(DeployOutcome.Failed, result.Outcome);
        var failure = Assert.Single(result.Failures);
        Assert.Equal($"{app}_app", failure.Service);
        Assert.Equal("failed", failure.TaskState);
        Assert.Equal(3, failure.ExitCode);
        var expected = Enumerable.Range(33, 48).Select(i => $"line {i}").Append("fatal: cannot open database").Append("giving up").ToList();
        Assert.True(expected.SequenceEqual(failure.OutputTail), "output tail was: " + string.Join("|", failure.OutputTail));
        // The deploy's error text carries it all, for the run's error and its JUnit report.
        var text = result.ToString();
        Assert.Contains("task state failed", text);
        Assert.Contains("exit code 3", text);
        Assert.Contains("    fatal: cannot open database\n    giving up", text);
        Assert.DoesNotContain("line 32\n", text);

        await stacks.Remover.UndeployAsync(app, purgeVolumes: true, TimeSpan.FromMinutes(1));
        await StackLeftovers.AssertNoneAsync(docker.Client, app.Value);
    }

    [Fact]
    public async Task A_service_that_never_converges_names_its_task_state_and_swarms_reason()
    {
        await using var resources = docker.Track();
        var app = AppName.Parse(resources.Stack(UniqueName.For("pending")));
        var stacks = new StackTestContext(docker.Client);
        var request = await StackTestContext.RequestAsync(app, "swarm-crash", "pending", FreePort.Next()) with { ConvergeTimeout = TimeSpan.FromSeconds(3) };

        var result = await stacks.Deployer.DeployAsync(request);

        Assert.Equal(DeployOutcome.TimedOut, result.Outcome);
        var failure = Assert.Single(result.Failures);
        Assert.Equal("pending", failure.TaskState);
        Assert.Contains("no suitable node", failure.TaskError);
        Assert.Contains("task state pending", result.ToString());
    }
}
