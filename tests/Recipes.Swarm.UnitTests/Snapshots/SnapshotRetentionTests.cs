using Recipes.Swarm.Housekeeping;
using Recipes.Swarm.Snapshots;

namespace Recipes.Swarm.UnitTests.Snapshots;

public sealed class SnapshotRetentionTests
{
    private static SnapshotManifest Snap(string app, int minute) =>
        new(1, app, $"id-{app}-{minute}", new DateTimeOffset(2026, 1, 1, 0, minute, 0, TimeSpan.Zero), "recipeci-volume", []);

    [Fact]
    public void Keeps_the_newest_per_app_and_every_referenced_one()
    {
        var all = new[] { Snap("a", 1), Snap("a", 2), Snap("a", 3), Snap("a", 4), Snap("b", 1) };
        var expired = SnapshotRetention.Expired(all, 2, new HashSet<SnapshotId> { SnapshotId.Parse("id-a-1") });
        Assert.Equal(["id-a-2"], expired.Select(s => s.Id));
    }

    [Fact]
    public void Keep_zero_still_spares_referenced_snapshots()
    {
        var all = new[] { Snap("a", 1), Snap("a", 2) };
        var expired = SnapshotRetention.Expired(all, 0, new HashSet<SnapshotId> { SnapshotId.Parse("id-a-2") });
        Assert.Equal(["id-a-1"], expired.Select(s => s.Id));
    }
}
