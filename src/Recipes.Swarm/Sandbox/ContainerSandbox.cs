using System.Net;
using System.Text;
using Docker.DotNet;
using Docker.DotNet.Models;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.Timeout;
using Recipes.Swarm.Polling;

namespace Recipes.Swarm.Sandbox;

/// <summary>
/// Runs one command in a throwaway container and removes it: a read-only root, the command's folder mounted
/// read-only, a private tmpfs work folder, an unprivileged user, no capabilities, no new privileges, no Docker socket
/// or host folder beyond its own, memory, CPU and process limits, and a timeout after which it is killed.
/// Untrusted code (a pull request's tests) runs here instead of on the CI host.
/// </summary>
public sealed class ContainerSandbox(IDockerClient docker, ILogger<ContainerSandbox> logger, TimeProvider? time = null)
{
    private readonly TimeProvider _time = time ?? TimeProvider.System;

    /// <summary>Marks the containers this class makes, so prune and leak checks can tell them apart.</summary>
    public const string Label = "recipeci.sandbox";

    private const int OutputLimit = 256 * 1024;

    /// <summary>True when <paramref name="image"/> exists locally (sandboxes never pull).</summary>
    public async Task<bool> ImageExistsAsync(string image, CancellationToken cancellationToken)
    {
        try
        {
            await docker.Images.InspectImageAsync(image, cancellationToken);
            return true;
        }
        catch (DockerImageNotFoundException)
        {
            return false;
        }
        catch (DockerApiException e) when (e.StatusCode == HttpStatusCode.NotFound)
        {
            return false;
        }
    }

    public async Task<SandboxResult> RunAsync(SandboxRequest request, string owner, CancellationToken cancellationToken)
    {
        if (request.User.Split(':')[0] is "0" or "root")
            throw new ArgumentException("A sandbox never runs as root; give an unprivileged uid:gid.", nameof(request));
        var started = _time.GetTimestamp();
        var id = (await docker.Containers.CreateContainerAsync(CreateParameters(request, owner), cancellationToken)).ID;
        try
        {
            foreach (var network in request.Network.Host ? [] : request.Network.Networks.Skip(1))
                await ConnectAsync(id, network, cancellationToken);
            await docker.Containers.StartContainerAsync(id, new ContainerStartParameters(), cancellationToken);

            // The timeout is a Polly strategy on the injected clock: past it, the wait is cancelled and the container killed.
            var deadline = new ResiliencePipelineBuilder { TimeProvider = _time }.AddTimeout(DeadlinePoll.PollyTimeout(request.Timeout)).Build();
            try
            {
                var exit = await deadline.ExecuteAsync(async ct => await docker.Containers.WaitContainerAsync(id, ct), cancellationToken);
                return new SandboxResult((int)exit.StatusCode, false, _time.GetElapsedTime(started), await OutputAsync(id, cancellationToken));
            }
            catch (TimeoutRejectedException)
            {
                await KillAsync(id);
                var output = await OutputAsync(id, cancellationToken);
                return new SandboxResult(null, true, _time.GetElapsedTime(started),
                    output.TrimEnd('\n') + $"\n[recipeci: killed after the timeout of {request.Timeout.TotalSeconds:0.#} s]");
            }
        }
        finally
        {
            await RemoveAsync(id);
        }
    }

    private static CreateContainerParameters CreateParameters(SandboxRequest request, string owner)
    {
        var (uid, gid) = UserIds(request.User);
        var env = request.Environment
            .Where(p => p.Key is not ("HOME" or "TMPDIR"))
            .Select(p => $"{p.Key}={p.Value}")
            .Append($"HOME={SandboxRequest.WorkMount}")
            .Append($"TMPDIR={SandboxRequest.WorkMount}")
            .ToList();
        return new CreateContainerParameters
        {
            Image = request.Image,
            Entrypoint = ["/bin/sh", "-c"],
            Cmd = [request.Command],
            User = request.User,
            WorkingDir = SandboxRequest.SourceMount,
            Env = env,
            Labels = new Dictionary<string, string> { [Label] = owner },
            HostConfig = new HostConfig
            {
                NetworkMode = request.Network.Host ? "host" : request.Network.Networks.FirstOrDefault() ?? "none",
                ReadonlyRootfs = true,
                Mounts = [new Mount { Type = "bind", Source = request.SourceFolder, Target = SandboxRequest.SourceMount, ReadOnly = true }],
                Tmpfs = new Dictionary<string, string>
                {
                    [SandboxRequest.WorkMount] = $"rw,nosuid,nodev,size={request.Limits.WorkBytes},uid={uid},gid={gid},mode=0700",
                },
                Memory = request.Limits.MemoryBytes,
                MemorySwap = request.Limits.MemoryBytes,
                NanoCPUs = (long)(request.Limits.Cpus * 1_000_000_000),
                PidsLimit = request.Limits.Pids,
                CapDrop = ["ALL"],
                SecurityOpt = ["no-new-privileges"],
            },
        };
    }

    private static (string Uid, string Gid) UserIds(string user)
    {
        var parts = user.Split(':', 2);
        return (parts[0], parts.Length > 1 ? parts[1] : parts[0]);
    }

    private async Task ConnectAsync(string id, string network, CancellationToken cancellationToken)
    {
        try
        {
            await docker.Networks.ConnectNetworkAsync(network, new NetworkConnectParameters { Container = id }, cancellationToken);
        }
        catch (DockerApiException e)
        {
            throw new InvalidOperationException(
                $"The test container cannot join the app's network '{network}': {e.ResponseBody?.Trim()}. Overlay networks need " +
                "'attachable: true' for a test container to reach the app's services by name.", e);
        }
    }

    // stdout and stderr in the order the container wrote them; the front is cut past the limit.
    private async Task<string> OutputAsync(string id, CancellationToken cancellationToken)
    {
        using var stream = await docker.Containers.GetContainerLogsAsync(id, new ContainerLogsParameters { ShowStdout = true, ShowStderr = true }, cancellationToken);
        var text = new StringBuilder();
        var buffer = new byte[16 * 1024];
        while (true)
        {
            var read = await stream.ReadOutputAsync(buffer, 0, buffer.Length, cancellationToken);
            if (read.EOF) break;
            text.Append(Encoding.UTF8.GetString(buffer, 0, read.Count));
            if (text.Length > 2 * OutputLimit) text.Remove(0, text.Length - OutputLimit);
        }
        if (text.Length > OutputLimit) text.Remove(0, text.Length - OutputLimit).Insert(0, "[recipeci: output truncated at the front]\n");
        return text.ToString();
    }

    private async Task KillAsync(string id)
    {
        try
        {
            await docker.Containers.KillContainerAsync(id, new ContainerKillParameters(), CancellationToken.None);
            await docker.Containers.WaitContainerAsync(id, CancellationToken.None);
        }
        catch (DockerApiException e)
        {
            logger.LogDebug(e, "Sandbox container {Container} had already stopped", id);
        }
    }

    // Not cancellable: a cancelled run must still not leave its container behind.
    private async Task RemoveAsync(string id)
    {
        try
        {
            await docker.Containers.RemoveContainerAsync(id, new ContainerRemoveParameters { Force = true }, CancellationToken.None);
        }
        catch (DockerApiException e) when (e.StatusCode == HttpStatusCode.NotFound)
        {
        }
        catch (DockerApiException e)
        {
            logger.LogWarning(e, "Could not remove sandbox container {Container}; housekeeping removes containers labelled {Label}", id, Label);
        }
    }
}
