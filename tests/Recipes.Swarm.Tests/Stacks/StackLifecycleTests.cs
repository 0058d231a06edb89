using Docker.DotNet.Models;
using Recipes.Swarm.Docker;
using Recipes.Swarm.Stacks;
using TestKit;

namespace Recipes.Swarm.Tests.Stacks;

/// <summary>Deploy, converge, redeploy, upgrade and undeploy a fixture recipe on the real Swarm.</summary>
[Trait("Category", "Services")]
public sealed class StackLifecycleTests(DockerFixture docker) : IClassFixture<DockerFixture>
{
    [Fact]
    public async Task Deploys_redeploys_as_no_op_upgrades_in_place_and_undeploys()
    {
        await using var resources = docker.Track();
        var app = AppName.Parse(resources.Stack(UniqueName.For("stack")));
        var stacks = new StackTestContext(docker.Client);
        var port = FreePort.Next();
        var progress = new List<DeployProgress>();

        // Deploy 1.0.0 and converge.
        var v1 = await StackTestContext.RequestAsync(app, "swarm-web", "1.0.0+1.0", port);
        var first = await stacks.Deployer.DeployAsync(v1, new SyncProgress(progress));
        Assert.True(first.Succeeded, first.ToString());
        Assert.Equal([ServiceChangeKind.Created, ServiceChangeKind.Created], first.Changes.Select(c => c.Kind));
        Assert.Contains(progress, p => p.Service == $"{app}_app" && p.State == ServiceState.Running);
        Assert.Equal("hello from swarm-web", await GetPageAsync(port));

        // What docker stack ls/ps and prune rely on.
        var service = await docker.Client.Swarm.InspectServiceAsync($"{app}_app");
        Assert.Equal(app.Value, service.Spec!.Labels![Labels.StackNamespace]);
        Assert.Equal("recipeci-fixture/busybox:1", service.Spec!.Labels![Labels.StackImage]);
        Assert.Equal(app.Value, service.Spec!.TaskTemplate!.ContainerSpec!.Labels![Labels.StackNamespace]);
        var volume = await docker.Client.Volumes.InspectAsync($"{app}_data");
        Assert.Equal(app.Value, volume.Labels![Labels.StackNamespace]);
        Assert.Equal(app.Value, volume.Labels[Labels.App]);
        Assert.Equal("run", volume.Labels[Labels.Role]);
        Assert.True(await stacks.Queries.IsDeployedAsync(app));
        Assert.Equal("1.0.0+1.0", await stacks.Queries.GetDeployedVersionAsync(app));
        var summary = Assert.Single(await stacks.Queries.ListStacksAsync(), s => s.Name == app.Value);
        Assert.Equal([$"{app}_app", $"{app}_worker"], summary.Services);

        // The same spec again changes nothing: no service version moves.
        var versionBefore = service.Version!.Index;
        var again = await stacks.Deployer.DeployAsync(await StackTestContext.RequestAsync(app, "swarm-web", "1.0.0+1.0", port));
        Assert.True(again.Succeeded, again.ToString());
        Assert.All(again.Changes, c => Assert.Equal(ServiceChangeKind.Unchanged, c.Kind));
        Assert.Equal(versionBefore, (await docker.Client.Swarm.InspectServiceAsync($"{app}_app")).Version!.Index);

        // Upgrade in place: the app service is updated, the worker (gone from 1.1.0) removed, the volume kept.
        var upgrade = await stacks.Deployer.DeployAsync(await StackTestContext.RequestAsync(app, "swarm-web", "1.1.0+1.0", port));
        Assert.True(upgrade.Succeeded, upgrade.ToString());
        Assert.Contains(new ServiceChange($"{app}_app", ServiceChangeKind.Updated), upgrade.Changes);
        Assert.Contains(new ServiceChange($"{app}_worker", ServiceChangeKind.Removed), upgrade.Changes);
        var upgraded = await docker.Client.Swarm.InspectServiceAsync($"{app}_app");
        Assert.Equal(service.ID, upgraded.ID);
        Assert.Contains("RELEASE=1.1.0", upgraded.Spec!.TaskTemplate!.ContainerSpec!.Env!);
        Assert.Equal("1.1.0+1.0", await stacks.Queries.GetDeployedVersionAsync(app));
        // 1.1.0 would write a new greeting into an empty volume; the old page shows the volume survived.
        Assert.Equal("hello from swarm-web", await GetPageAsync(port));

        // Undeploy stops the containers gracefully, keeps volumes and waits for the containers to be gone.
        var removed = await stacks.Remover.UndeployAsync(app, purgeVolumes: false, TimeSpan.FromMinutes(1));
        var mountpoint = (await docker.Client.Volumes.InspectAsync($"{app}_data")).Mountpoint;
        Assert.True(File.Exists(Path.Combine(mountpoint, "stopped")), "1.1.0 writes /data/stopped when it gets TERM: the undeploy killed it instead");
        Assert.Equal([$"{app}_app"], removed.Services);
        Assert.Empty(removed.Volumes);
        Assert.False(await stacks.Queries.IsDeployedAsync(app));
        Assert.Empty(await docker.Client.Containers.ListContainersAsync(new ContainersListParameters { All = true, Filters = DockerFilters.Stack(app.Value) }));
        Assert.DoesNotContain(await docker.Client.Configs.ListConfigsAsync(), c => c.Spec!.Name!.StartsWith(app.Value, StringComparison.Ordinal));
        Assert.Equal($"{app}_data", (await docker.Client.Volumes.InspectAsync($"{app}_data")).Name);

        // Purge removes the stack's volumes.
        var purged = await stacks.Remover.UndeployAsync(app, purgeVolumes: true, TimeSpan.FromMinutes(1));
        Assert.Equal([$"{app}_data"], purged.Volumes);
        var left = await docker.Client.Volumes.ListAsync(new VolumesListParameters { Filters = DockerFilters.Stack(app.Value) });
        Assert.Empty(left.Volumes ?? []);
    }

    private static async Task<string> GetPageAsync(int port)
    {
        using var http = new HttpClient();
        var response = await HttpWait.UntilAnswersAsync(http, $"http://127.0.0.1:{port}/", TimeSpan.FromSeconds(30));
        return (await response.Content.ReadAsStringAsync()).Trim();
    }
}

/// <summary>Collects progress reports on the reporting thread (Progress&lt;T&gt; would post them later).</summary>
public sealed class SyncProgress(List<DeployProgress> reports) : IProgress<DeployProgress>
{
    public void Report(DeployProgress value)
    {
        lock (reports) reports.Add(value);
    }
}
