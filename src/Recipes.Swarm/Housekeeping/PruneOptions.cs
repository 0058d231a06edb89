using Recipes.Swarm.Snapshots;

namespace Recipes.Swarm.Housekeeping;

/// <summary>
/// How to prune. <see cref="ReferencedSnapshots"/> (canonicals, <c>last_good</c>) are never deleted.
/// <see cref="MinimumVolumeAge"/> spares run volumes created moments ago, whose app may be deploying its
/// services right now. <see cref="Scope"/> limits the prune to containers, volumes and snapshot apps whose
/// name starts with it, and skips host-wide images and build cache (tests use it to stay in their lane).
/// </summary>
public sealed record PruneOptions(
    bool DryRun,
    IReadOnlySet<SnapshotId> ReferencedSnapshots,
    int KeepSnapshotsPerApp,
    TimeSpan MinimumVolumeAge,
    string? Scope = null)
{
    public static readonly TimeSpan DefaultMinimumVolumeAge = TimeSpan.FromMinutes(10);
    public const int DefaultKeepSnapshotsPerApp = 3;

    /// <summary>Snapshot drafts older than this were abandoned by a crash.</summary>
    public static readonly TimeSpan AbandonedDraftAge = TimeSpan.FromHours(6);

    public bool InScope(string name) => Scope is null || name.StartsWith(Scope, StringComparison.Ordinal);
}
