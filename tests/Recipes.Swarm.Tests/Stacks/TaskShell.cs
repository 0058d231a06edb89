using Docker.DotNet;
using Docker.DotNet.Models;

namespace Recipes.Swarm.Tests.Stacks;

/// <summary>Runs a command inside the running container of a Swarm service, as <c>docker exec</c> would.</summary>
public static class TaskShell
{
    public static async Task<string> RunAsync(IDockerClient docker, string service, params string[] command)
    {
        var containers = await docker.Containers.ListContainersAsync(new ContainersListParameters
        {
            Filters = new Dictionary<string, IDictionary<string, bool>>
            {
                ["label"] = new Dictionary<string, bool> { [$"com.docker.swarm.service.name={service}"] = true },
            },
        });
        var container = Assert.Single(containers);
        var exec = await docker.Exec.CreateContainerExecAsync(container.ID, new ContainerExecCreateParameters
        {
            Cmd = command,
            AttachStdout = true,
            AttachStderr = true,
        });
        using var stream = await docker.Exec.StartContainerExecAsync(exec.ID, new ContainerExecStartParameters(), CancellationToken.None);
        var (stdout, stderr) = await stream.ReadOutputToEndAsync(CancellationToken.None);
        return stdout + stderr;
    }
}
