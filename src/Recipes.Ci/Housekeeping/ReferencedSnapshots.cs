using Recipes.Ci.Canonicals;
using Recipes.Ci.Persistence;
using Recipes.Swarm.Snapshots;

namespace Recipes.Ci.Housekeeping;

/// <summary>The snapshots prune must keep: every canonical's and every warm dependency's (its <c>last_good</c> data).</summary>
public sealed class ReferencedSnapshots(CanonicalRegistry canonicals, WarmDependencyStateStore warm)
{
    public async Task<IReadOnlySet<SnapshotId>> ListAsync(CancellationToken cancellationToken)
    {
        var ids = (await canonicals.ListAsync(cancellationToken)).Select(c => c.SnapshotId)
            .Concat((await warm.ListAsync(cancellationToken)).Select(w => w.SnapshotId).OfType<string>());
        return ids.Select(id => SnapshotId.TryParse(id, out var parsed) ? parsed : null).OfType<SnapshotId>().ToHashSet();
    }
}
