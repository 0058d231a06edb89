using Docker.DotNet;
using Docker.DotNet.Models;
using Microsoft.Extensions.Logging;
using Recipes.Swarm.Docker;
using Recipes.Swarm.Polling;

namespace Recipes.Swarm.Snapshots;

/// <summary>
/// Runs backupbot hooks inside the running container of the service labelled <c>backupbot.backup=true</c>, as
/// <c>/bin/sh -c '&lt;hook&gt;'</c>. The caller orders them around its undeploy: backup pre-hooks before the app
/// goes down, post-hooks once it is back (restore hooks likewise around a restore).
/// </summary>
public sealed class BackupHookRunner(IDockerClient docker, BackupPolicyReader policies, ILogger<BackupHookRunner> logger, TimeProvider? time = null)
{
    /// <summary>How long the engine may take to record a hook's exit code once its output has ended.</summary>
    private static readonly TimeSpan ExitCodeWait = TimeSpan.FromSeconds(5);

    private static readonly TimeSpan ExitCodeInterval = TimeSpan.FromMilliseconds(100);

    private readonly DeadlinePoll _poll = new(time ?? TimeProvider.System);

    /// <summary>Runs the backup hook of <paramref name="phase"/>; null when the app declares none. A failing hook throws.</summary>
    public Task<HookResult?> RunBackupHooksAsync(AppName app, HookPhase phase, CancellationToken cancellationToken) =>
        RunAsync(app, hooks => phase == HookPhase.Pre ? hooks.BackupPre : hooks.BackupPost, $"backup {phase.ToString().ToLowerInvariant()}-hook", cancellationToken);

    /// <summary>Runs the restore hook of <paramref name="phase"/>; null when the app declares none. A failing hook throws.</summary>
    public Task<HookResult?> RunRestoreHooksAsync(AppName app, HookPhase phase, CancellationToken cancellationToken) =>
        RunAsync(app, hooks => phase == HookPhase.Pre ? hooks.RestorePre : hooks.RestorePost, $"restore {phase.ToString().ToLowerInvariant()}-hook", cancellationToken);

    private async Task<HookResult?> RunAsync(AppName app, Func<BackupHooks, string?> pick, string what, CancellationToken cancellationToken)
    {
        var service = await policies.FindBackupServiceAsync(app, cancellationToken);
        if (service is null) return null;
        var policy = BackupLabels.Parse(service.Name, service.Labels);
        var command = pick(policy.Hooks);
        if (command is null) return null;

        var container = await FindRunningContainerAsync(service.Name, cancellationToken)
            ?? throw new BackupPolicyException($"App {app}: the {what} needs a running container of service {service.Name}, and none runs.");
        var exec = await docker.Exec.CreateContainerExecAsync(container, new ContainerExecCreateParameters
        {
            Cmd = ["/bin/sh", "-c", command],
            AttachStdout = true,
            AttachStderr = true,
        }, cancellationToken);
        string output;
        using (var stream = await docker.Exec.StartContainerExecAsync(exec.ID, new ContainerExecStartParameters(), cancellationToken))
        {
            var (stdout, stderr) = await stream.ReadOutputToEndAsync(cancellationToken);
            output = stdout + stderr;
        }
        // The output can end a moment before the engine records the exit code; still running at the deadline reads as -1.
        var inspect = await _poll.UntilAsync(
            ct => new ValueTask<ContainerExecInspectResponse>(docker.Exec.InspectContainerExecAsync(exec.ID, ct)), i => !i.Running,
            ExitCodeInterval, _poll.Time.GetUtcNow() + ExitCodeWait, $"App {app}: the {what}'s exit code", cancellationToken);
        var exitCode = inspect.ExitCode ?? -1;
        var result = new HookResult(service.Name, container, command, exitCode, output);
        logger.LogInformation("App {App}: {Hook} '{Command}' in {Container} exited {ExitCode}", app.Value, what, command, container, exitCode);
        if (exitCode != 0)
            throw new BackupPolicyException($"App {app}: the {what} '{command}' exited {exitCode}: {output.Trim()}");
        return result;
    }

    private async Task<string?> FindRunningContainerAsync(string service, CancellationToken cancellationToken)
    {
        var containers = await docker.Containers.ListContainersAsync(new ContainersListParameters
        {
            Filters = new Dictionary<string, IDictionary<string, bool>>
            {
                ["label"] = new Dictionary<string, bool> { [$"com.docker.swarm.service.name={service}"] = true },
                ["status"] = new Dictionary<string, bool> { ["running"] = true },
            },
        }, cancellationToken);
        return containers.OrderByDescending(c => c.Created).FirstOrDefault()?.ID;
    }
}
