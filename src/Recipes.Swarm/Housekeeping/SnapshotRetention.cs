using Recipes.Swarm.Snapshots;

namespace Recipes.Swarm.Housekeeping;

/// <summary>Which snapshots retention deletes: all but the newest <c>keep</c> per app, never a referenced one.</summary>
public static class SnapshotRetention
{
    public static IReadOnlyList<SnapshotManifest> Expired(IEnumerable<SnapshotManifest> snapshots, int keep, IReadOnlySet<SnapshotId> referenced)
    {
        var referencedIds = referenced.Select(r => r.Value).ToHashSet(StringComparer.Ordinal);
        return snapshots
            .GroupBy(s => s.App, StringComparer.Ordinal)
            .SelectMany(app => app
                .OrderByDescending(s => s.CreatedAt)
                .ThenByDescending(s => s.Id, StringComparer.Ordinal)
                .Skip(Math.Max(0, keep)))
            .Where(s => !referencedIds.Contains(s.Id))
            .ToList();
    }
}
