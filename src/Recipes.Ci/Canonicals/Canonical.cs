namespace Recipes.Ci.Canonicals;

/// <summary>
/// A recipe's canonical: the known-good commit and the snapshot of its data, served as app <c>warm-&lt;recipe&gt;</c>.
/// </summary>
/// <param name="SnapshotApp">The app the snapshot was taken of (its folder under Snapshots:Root).</param>
/// <param name="RunId">The green cold run that promoted it.</param>
public sealed record Canonical(string Recipe, string Commit, string? Version, string SnapshotId, string SnapshotApp, DateTimeOffset PromotedAt, string RunId)
{
    public static string AppFor(string recipe) => $"warm-{recipe}";

    public string App => AppFor(Recipe);
}
