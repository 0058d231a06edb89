using Docker.DotNet.Models;
using Recipes.Swarm.Docker;
using Recipes.Swarm.Stacks;
using TestKit;

namespace Recipes.Swarm.Tests.Stacks;

/// <summary>
/// A single-replica stop-first upgrade stops the old container itself before it sends the update (skipping the
/// agent's service-discovery wait). Swarm's own stop ends the old task as <c>shutdown</c>; ours ends it as
/// <c>complete</c> (its container exited on the stop signal before Swarm asked), which tells the two apart.
/// </summary>
[Trait("Category", "Services")]
public sealed class StopFirstUpdateTests(DockerFixture docker) : IClassFixture<DockerFixture>
{
    [Fact]
    public async Task An_upgrade_stops_the_old_container_gracefully_before_the_update_then_starts_the_new_one()
    {
        await using var resources = docker.Track();
        var app = AppName.Parse(resources.Stack(UniqueName.For("stopfirst")));
        var stacks = new StackTestContext(docker.Client);
        var port = FreePort.Next();
        var v1 = await stacks.Deployer.DeployAsync(await StackTestContext.RequestAsync(app, "swarm-web", "1.0.0+1.0", port));
        Assert.True(v1.Succeeded, v1.ToString());
        var oldTask = Assert.Single(await TasksAsync($"{app}_app"), t => t.DesiredState == TaskState.Running);

        var upgrade = await stacks.Deployer.DeployAsync(await StackTestContext.RequestAsync(app, "swarm-web", "1.1.0+1.0", port));

        Assert.True(upgrade.Succeeded, upgrade.ToString());
        var tasks = await TasksAsync($"{app}_app");
        var ended = Assert.Single(tasks, t => t.ID == oldTask.ID);
        Assert.Equal(TaskState.Complete, ended.Status!.State);
        Assert.Equal(0, ended.Status.ContainerStatus!.ExitCode);
        var running = Assert.Single(tasks, t => t.DesiredState == TaskState.Running);
        Assert.Equal(TaskState.Running, running.Status!.State);
        Assert.Contains("RELEASE=1.1.0", running.Spec!.ContainerSpec!.Env!);
        // Stop-first as Swarm does it: the old container was gone before the new one started.
        var oldContainer = await docker.Client.Containers.InspectContainerAsync(ended.Status.ContainerStatus.ContainerID);
        var newContainer = await docker.Client.Containers.InspectContainerAsync(running.Status.ContainerStatus!.ContainerID);
        Assert.True(DateTime.Parse(oldContainer.State!.FinishedAt).ToUniversalTime() <= DateTime.Parse(newContainer.State!.StartedAt).ToUniversalTime(),
            $"old finished {oldContainer.State.FinishedAt}, new started {newContainer.State.StartedAt}");
    }

    [Theory]
    [InlineData(null, 1UL, 1UL, true)]
    [InlineData("stop-first", 1UL, 1UL, true)]
    [InlineData("start-first", 1UL, 1UL, false)]
    [InlineData("stop-first", 2UL, 2UL, false)]
    [InlineData("stop-first", 1UL, 2UL, false)]
    public void Applies_only_to_single_replica_stop_first_updates(string? order, ulong currentReplicas, ulong nextReplicas, bool applies)
    {
        var current = new SwarmService { Spec = new ServiceSpec { Mode = Replicated(currentReplicas) } };
        var next = new ServiceSpec { Mode = Replicated(nextReplicas), UpdateConfig = order is null ? null : new SwarmUpdateConfig { Order = order } };
        Assert.Equal(applies, StopFirstUpdate.Applies(current, next));
    }

    private static ServiceMode Replicated(ulong replicas) => new() { Replicated = new ReplicatedService { Replicas = replicas } };

    private async Task<IList<TaskResponse>> TasksAsync(string service) =>
        await docker.Client.Tasks.ListAsync(new TasksListParameters { Filters = DockerFilters.Of("service", service) });
}
