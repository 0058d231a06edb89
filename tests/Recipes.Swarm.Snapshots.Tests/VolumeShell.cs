using Docker.DotNet.Models;
using TestKit;

namespace Recipes.Swarm.Snapshots.Tests;

/// <summary>Runs a busybox shell script in a throw-away container with a volume mounted at /volume.</summary>
public sealed class VolumeShell(DockerFixture docker, DockerResources resources)
{
    public async Task RunAsync(string volume, string script)
    {
        var created = await docker.Client.Containers.CreateContainerAsync(new CreateContainerParameters
        {
            Image = docker.Image,
            Cmd = ["/bin/sh", "-euc", script],
            HostConfig = new HostConfig { NetworkMode = "none", Mounts = [new Mount { Type = "volume", Source = volume, Target = "/volume" }] },
        });
        resources.Container(created.ID);
        await docker.Client.Containers.StartContainerAsync(created.ID, new ContainerStartParameters());
        var wait = await docker.Client.Containers.WaitContainerAsync(created.ID);
        if (wait.StatusCode != 0)
        {
            using var logs = await docker.Client.Containers.GetContainerLogsAsync(created.ID, new ContainerLogsParameters { ShowStderr = true, ShowStdout = true });
            var (stdout, stderr) = await logs.ReadOutputToEndAsync(CancellationToken.None);
            throw new InvalidOperationException($"Script failed with {wait.StatusCode}: {stdout}{stderr}");
        }
        await docker.Client.Containers.RemoveContainerAsync(created.ID, new ContainerRemoveParameters { Force = true });
    }
}
