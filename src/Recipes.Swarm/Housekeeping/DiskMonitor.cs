using Docker.DotNet;
using Recipes.Swarm.Snapshots;

namespace Recipes.Swarm.Housekeeping;

/// <summary>Measures disk use of Docker's data root (<c>DockerRootDir</c> of <c>docker info</c>) and of <c>Snapshots:Root</c>.</summary>
public sealed class DiskMonitor(IDockerClient docker, SnapshotOptions snapshots)
{
    public async Task<DiskReport> MeasureAsync(CancellationToken cancellationToken)
    {
        var info = await docker.System.GetSystemInfoAsync(cancellationToken);
        return new DiskReport(Measure("docker", info.DockerRootDir ?? "/var/lib/docker"), Measure("snapshots", snapshots.Root));
    }

    /// <summary>statfs of the path (or its nearest existing parent, for a snapshots root not made yet).</summary>
    public static DiskUsage Measure(string name, string path)
    {
        var existing = Path.GetFullPath(path);
        while (!Directory.Exists(existing))
        {
            var parent = Path.GetDirectoryName(existing);
            if (parent is null) return new DiskUsage(name, path, false, 0, 0, 0);
            existing = parent;
        }
        var drive = new DriveInfo(existing);
        var total = drive.TotalSize;
        var used = total - drive.TotalFreeSpace;
        var usable = used + drive.AvailableFreeSpace;
        return new DiskUsage(name, path, true, used, total, usable == 0 ? 0 : Math.Round(100.0 * used / usable, 1));
    }
}
