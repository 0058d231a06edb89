using Docker.DotNet.Models;
using Recipes.Swarm.Docker;
using Recipes.Swarm.Stacks;
using TestKit;

namespace Recipes.Swarm.Tests.Stacks;

/// <summary>Every compose key docker stack deploy honours reaches the Swarm service spec, read back from Docker.</summary>
[Trait("Category", "Services")]
public sealed class ComposeKeysTests(DockerFixture docker) : IClassFixture<DockerFixture>
{
    [Fact]
    public async Task Each_honoured_key_is_in_the_service_spec_docker_returns()
    {
        await using var resources = docker.Track();
        var app = AppName.Parse(resources.Stack(UniqueName.For("keys")));
        var stacks = new StackTestContext(docker.Client);
        var request = await StackTestContext.RequestAsync(app, "swarm-keys", "1.0.0+1.0", FreePort.Next());
        Assert.Contains(request.Project.Warnings, w => w.Path == "services.app.restart" && w.Message.Contains("ignored by docker stack deploy"));
        Assert.Contains(request.Project.Warnings, w => w.Path == "services.app.depends_on");

        var result = await stacks.Deployer.DeployAsync(request);
        Assert.True(result.Succeeded, result.ToString());

        var spec = (await docker.Client.Swarm.InspectServiceAsync($"{app}_app")).Spec!;
        var task = spec.TaskTemplate!;
        var container = task.ContainerSpec!;
        Assert.True(container.ReadOnly);
        var tmpfs = Assert.Single(container.Mounts!, m => m.Type == "tmpfs");
        Assert.Equal("/scratch", tmpfs.Target);
        Assert.Equal(8L * 1024 * 1024, tmpfs.TmpfsOptions!.SizeBytes);
        Assert.Equal(Convert.ToUInt32("1777", 8), tmpfs.TmpfsOptions.Mode);
        Assert.True(container.Init);
        Assert.Equal("1000:1000", container.User);
        Assert.Equal("/scratch", container.Dir);
        Assert.Equal("keys-host", container.Hostname);
        Assert.Equal("SIGINT", container.StopSignal);
        Assert.Equal(TimeSpan.FromSeconds(7), container.StopGracePeriod);
        Assert.Equal(["NET_ADMIN"], container.CapabilityAdd);
        Assert.Equal(["MKNOD"], container.CapabilityDrop);
        Assert.Equal("1024", container.Sysctls!["net.core.somaxconn"]);
        Assert.Contains(container.Ulimits!, u => u.Name == "nofile" && u.Soft == 1024 && u.Hard == 2048);
        Assert.Contains(container.Ulimits!, u => u.Name == "nproc" && u.Soft == 512 && u.Hard == 512);
        Assert.Equal(["10.0.0.5 db.internal"], container.Hosts);
        Assert.Equal("json-file", task.LogDriver!.Name);
        Assert.Equal("1m", task.LogDriver.Options!["max-size"]);
        Assert.Equal("2", task.LogDriver.Options["max-file"]);
        Assert.Equal(["node.role == manager"], task.Placement!.Constraints);
        Assert.Equal("node.labels.zone", Assert.Single(task.Placement.Preferences!).Spread!.SpreadDescriptor);
        Assert.Equal(1UL, task.Placement.MaxReplicas);
        Assert.Equal(500_000_000L, task.Resources!.Limits!.NanoCPUs);
        Assert.Equal(64L * 1024 * 1024, task.Resources.Limits.MemoryBytes);
        Assert.Equal(100L, task.Resources.Limits.Pids);
        Assert.Equal(100_000_000L, task.Resources.Reservations!.NanoCPUs);
        Assert.Equal(8L * 1024 * 1024, task.Resources.Reservations.MemoryBytes);
        Assert.Equal("dnsrr", spec.EndpointSpec!.Mode);

        // The task runs with them: the hostname and the hosts line, as the recipe asked.
        Assert.Equal("keys-host", (await TaskShell.RunAsync(docker.Client, $"{app}_app", "hostname")).Trim());
        Assert.Contains("10.0.0.5", await TaskShell.RunAsync(docker.Client, $"{app}_app", "cat", "/etc/hosts"));

        await stacks.Remover.UndeployAsync(app, purgeVolumes: true, TimeSpan.FromMinutes(1));
        await StackLeftovers.AssertNoneAsync(docker.Client, app.Value);
    }
}
