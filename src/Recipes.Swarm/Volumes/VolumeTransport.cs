using Recipes.Swarm.Snapshots;

namespace Recipes.Swarm.Volumes;

/// <summary>
/// How one volume's bytes travel: <see cref="SnapshotTransport.Direct"/> (then <see cref="Mountpoint"/> is its host
/// folder) or <see cref="SnapshotTransport.Archive"/>, and why, for the log.
/// </summary>
public sealed record VolumeTransport(SnapshotTransport Kind, string? Mountpoint, string Reason)
{
    public bool IsDirect => Kind == SnapshotTransport.Direct;
}
