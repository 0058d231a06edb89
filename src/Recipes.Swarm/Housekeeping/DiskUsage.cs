namespace Recipes.Swarm.Housekeeping;

/// <summary>
/// Use of the file system holding <see cref="Path"/>, like <c>df</c>: percent is used / (used + available to
/// unprivileged users). <see cref="Available"/> is false when the path is not on this machine (remote engine).
/// </summary>
public sealed record DiskUsage(string Name, string Path, bool Available, long UsedBytes, long TotalBytes, double Percent);

/// <summary>Disk use of Docker's data root and of the snapshots root.</summary>
public sealed record DiskReport(DiskUsage DockerRoot, DiskUsage Snapshots)
{
    public bool Exceeds(double thresholdPercent) =>
        (DockerRoot.Available && DockerRoot.Percent >= thresholdPercent) || (Snapshots.Available && Snapshots.Percent >= thresholdPercent);
}
