using Recipes.Ci.Canonicals;

namespace RecipeCi.Cli;

/// <summary>
/// How <c>recipeci canonical</c> prints a canonical: the fields of the contract
/// (<c>{recipe, commit, version, snapshot, promotedAt, run}</c>) plus the app the snapshot was taken of and, when
/// <c>warm-&lt;recipe&gt;</c> serves it untouched (the next quick run reattaches without a deploy), since when.
/// </summary>
public sealed record CanonicalJson(string Recipe, string Commit, string? Version, string Snapshot, string SnapshotApp, DateTimeOffset PromotedAt, string Run,
    DateTimeOffset? ServedAt)
{
    public static CanonicalJson From(Canonical canonical, ServedCanonical? served) =>
        new(canonical.Recipe, canonical.Commit, canonical.Version, canonical.SnapshotId, canonical.SnapshotApp, canonical.PromotedAt, canonical.RunId,
            served is not null && served.Serves(canonical) ? served.ServedAt : null);

    /// <summary>The served column: since when, or "no".</summary>
    public string ServedText => ServedAt is { } at ? "since " + at.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture) : "no";
}
