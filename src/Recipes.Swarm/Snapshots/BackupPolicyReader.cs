using Docker.DotNet;
using Docker.DotNet.Models;
using Recipes.Swarm.Docker;

namespace Recipes.Swarm.Snapshots;

/// <summary>Reads an app's backupbot labels from its deployed Swarm services.</summary>
public sealed class BackupPolicyReader(IDockerClient docker)
{
    /// <summary>
    /// The policy of the one service labelled <c>backupbot.backup=true</c>, or <see cref="BackupPolicy.Everything"/>
    /// when none is; two or more such services are an error (the spec allows exactly one).
    /// </summary>
    public async Task<BackupPolicy> ReadAsync(AppName app, CancellationToken cancellationToken)
    {
        var backupService = await FindBackupServiceAsync(app, cancellationToken);
        return backupService is null ? BackupPolicy.Everything : BackupLabels.Parse(backupService.Name, backupService.Labels);
    }

    /// <summary>The service opted in to backups, with its labels; null when no service is.</summary>
    public async Task<BackupService?> FindBackupServiceAsync(AppName app, CancellationToken cancellationToken)
    {
        var services = await docker.Swarm.ListServicesAsync(new ServiceListParameters { Filters = AppPresence.StackFilter(app) }, cancellationToken);
        var opted = services
            .Where(s => s.Spec is not null && BackupLabels.IsBackupService(s.Spec.Labels))
            .Select(s => new BackupService(s.Spec!.Name ?? s.ID, s.Spec.Labels ?? new Dictionary<string, string>()))
            .ToList();
        return opted.Count switch
        {
            0 => null,
            1 => opted[0],
            _ => throw new BackupPolicyException(
                $"App {app}: {opted.Count} services carry backupbot.backup=true ({string.Join(", ", opted.Select(s => s.Name).Order(StringComparer.Ordinal))}); exactly one may."),
        };
    }
}

/// <summary>The Swarm service labelled <c>backupbot.backup=true</c>, by name, with its labels.</summary>
public sealed record BackupService(string Name, IDictionary<string, string> Labels);
