namespace Recipes.Ci.Canonicals;

/// <summary>
/// A canonical app <c>warm-&lt;recipe&gt;</c> that is up and untouched: deployed from <paramref name="Commit"/> on an
/// exact restore of <paramref name="SnapshotId"/>, with no run attached since.
/// </summary>
public sealed record ServedCanonical(string Recipe, string SnapshotId, string Commit, DateTimeOffset ServedAt)
{
    /// <summary>True while the canonical is still the one served (a promotion since makes the served app stale).</summary>
    public bool Serves(Canonical canonical) => canonical.SnapshotId == SnapshotId && canonical.Commit == Commit;
}
