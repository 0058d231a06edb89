using System.Globalization;
using Microsoft.Extensions.Logging;
using Recipes.Ci.Alerts;
using Recipes.Ci.Locking;
using Recipes.Swarm.Housekeeping;

namespace Recipes.Ci.Housekeeping;

/// <summary>
/// The hourly housekeeping (after tenant reaping): removes orphan run apps, dead app-lock waiters and, by recipe,
/// snapshots beyond retention (<see cref="Canonicals.SnapshotRetention"/>); then the disk guard: past the threshold it
/// prunes run leftovers recipeci labelled (stopped containers, dangling images, dead run volumes, snapshots beyond
/// retention per app; other people's containers, images and the build cache only with <c>Prune:HostWide</c>) keeping
/// every warm and canonical volume and every referenced snapshot, and alerts once an hour; last it relays pending
/// alerts to the sinks.
/// </summary>
public sealed class HousekeepingPass(
    OrphanStackReaper orphans,
    Housekeeper housekeeper,
    ReferencedSnapshots referenced,
    AlertOnce alerts,
    AlertRelay relay,
    AppLocks locks,
    Canonicals.SnapshotRetention retention,
    Runs.RecipeCiOptions options,
    ILogger<HousekeepingPass> logger)
{
    public async Task<HousekeepingReport> RunAsync(HousekeepingRequest request, CancellationToken cancellationToken)
    {
        var stacks = await orphans.ReapAsync(request.DryRun, request.Scope, cancellationToken);
        if (!request.DryRun)
            await locks.PurgeDeadWaitersAsync(cancellationToken);
        // Retention by recipe runs every pass, not only past the disk threshold: it is what bounds the snapshots folder.
        if (request.Scope is null)
            await retention.ApplyAsync(null, request.DryRun, cancellationToken);
        var prune = new PruneOptions(request.DryRun, await referenced.ListAsync(cancellationToken), request.KeepSnapshotsPerApp, request.MinimumVolumeAge, request.Scope,
            HostWide: options.PruneHostWide);
        var disk = await housekeeper.RunAsync(request.ThresholdPercent, prune, cancellationToken);
        var alerted = false;
        if (disk.Prune is not null && !request.DryRun)
        {
            var used = Math.Max(disk.Disk.DockerRoot.Percent, disk.Disk.Snapshots.Percent).ToString("0.0", CultureInfo.InvariantCulture);
            alerted = await alerts.RaiseAsync("housekeeping/disk", TimeSpan.FromHours(1), AlertSeverity.Warning, "housekeeping",
                $"Disk {used}% used (threshold {request.ThresholdPercent.ToString(CultureInfo.InvariantCulture)}%): pruned",
                $"Housekeeping pruned {disk.Prune.Volumes.Count} volume(s), {disk.Prune.Containers.Count} container(s), {disk.Prune.Images.Count} image(s) and {disk.Prune.Snapshots.Count} snapshot(s).",
                new Dictionary<string, string> { ["docker"] = disk.Disk.DockerRoot.Path, ["snapshots"] = disk.Disk.Snapshots.Path }, cancellationToken);
        }
        var relayed = request.RelayAlerts && !request.DryRun ? await relay.RelayAsync(cancellationToken) : null;
        logger.LogInformation("Housekeeping: {Stacks} orphan run app(s) removed, prune {Prune}, {Relayed} alert(s) relayed",
            stacks.Removed.Count, disk.Prune is null ? "not needed" : "done", relayed?.Delivered ?? 0);
        return new HousekeepingReport(stacks, disk, alerted, relayed);
    }
}
