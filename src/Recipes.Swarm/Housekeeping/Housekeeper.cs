using Microsoft.Extensions.Logging;

namespace Recipes.Swarm.Housekeeping;

/// <summary>The outcome of a housekeeping pass: the disk use seen, and the prune it started (null below the threshold).</summary>
public sealed record HousekeepingResult(DiskReport Disk, PruneReport? Prune);

/// <summary>Measures disk use and prunes when either disk is at or above the threshold.</summary>
public sealed class Housekeeper(DiskMonitor disks, DockerPruner pruner, ILogger<Housekeeper> logger)
{
    public async Task<HousekeepingResult> RunAsync(double thresholdPercent, PruneOptions options, CancellationToken cancellationToken)
    {
        var disk = await disks.MeasureAsync(cancellationToken);
        if (!disk.Exceeds(thresholdPercent))
        {
            logger.LogInformation("Disk use {Docker}% (docker) and {Snapshots}% (snapshots) is below {Threshold}%; no prune",
                disk.DockerRoot.Percent, disk.Snapshots.Percent, thresholdPercent);
            return new HousekeepingResult(disk, null);
        }
        logger.LogWarning("Disk use {Docker}% (docker) or {Snapshots}% (snapshots) reached {Threshold}%; pruning",
            disk.DockerRoot.Percent, disk.Snapshots.Percent, thresholdPercent);
        return new HousekeepingResult(disk, await pruner.PruneAsync(options, cancellationToken));
    }
}
