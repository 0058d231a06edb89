using Recipes.Swarm.Docker;
using Recipes.Swarm.Snapshots;

namespace Recipes.Swarm.Housekeeping;

/// <summary>
/// How to prune. <see cref="ReferencedSnapshots"/> (canonicals, <c>last_good</c>) are never deleted.
/// <see cref="MinimumVolumeAge"/> spares run volumes created moments ago, whose app may be deploying its
/// services right now. <see cref="Scope"/> limits the prune to containers, volumes and snapshot apps whose
/// name starts with it, and skips host-wide images and build cache (tests use it to stay in their lane).
/// Without <see cref="HostWide"/> (the default) the prune touches only what recipeci labelled: containers and dangling
/// images carrying one of <see cref="OwnLabels"/>, run volumes, its own snapshots, and no build cache; a Docker host shared
/// with others keeps their stopped containers and images. <see cref="HostWide"/> (configuration <c>Prune:HostWide</c>)
/// widens it to every stopped container, dangling image and unused build cache entry on the host.
/// </summary>
public sealed record PruneOptions(
    bool DryRun,
    IReadOnlySet<SnapshotId> ReferencedSnapshots,
    int KeepSnapshotsPerApp,
    TimeSpan MinimumVolumeAge,
    string? Scope = null,
    bool HostWide = false)
{
    /// <summary>
    /// The labels that mark what recipeci made: its apps' volumes and objects (<c>recipeci.app</c>, <c>recipeci.role</c>),
    /// its services' task containers (<c>recipeci.spec-sha256</c>) and its volume helpers (<c>recipeci.helper</c>).
    /// </summary>
    public static IReadOnlySet<string> OwnLabels { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        Labels.App, Labels.Role, Stacks.StackLabels.SpecHash, Volumes.DockerVolumeArchiver.HelperLabel,
    };

    /// <summary>True when the labels mark an object recipeci made.</summary>
    public static bool IsOwn(IDictionary<string, string>? labels) => labels is not null && labels.Keys.Any(OwnLabels.Contains);

    public static readonly TimeSpan DefaultMinimumVolumeAge = TimeSpan.FromMinutes(10);
    public const int DefaultKeepSnapshotsPerApp = 3;

    /// <summary>Snapshot drafts older than this were abandoned by a crash.</summary>
    public static readonly TimeSpan AbandonedDraftAge = TimeSpan.FromHours(6);

    public bool InScope(string name) => Scope is null || name.StartsWith(Scope, StringComparison.Ordinal);
}
