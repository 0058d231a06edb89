using System.Text.Json;
using Recipes.Ci.Canonicals;

namespace RecipeCi.Cli;

/// <summary>
/// How <c>recipeci canonical</c> prints a canonical: the fields of the contract
/// (<c>{recipe, commit, version, snapshot, promotedAt, run}</c>) plus the app the snapshot was taken of.
/// </summary>
public sealed record CanonicalJson(string Recipe, string Commit, string? Version, string Snapshot, string SnapshotApp, DateTimeOffset PromotedAt, string Run)
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public static CanonicalJson From(Canonical canonical) =>
        new(canonical.Recipe, canonical.Commit, canonical.Version, canonical.SnapshotId, canonical.SnapshotApp, canonical.PromotedAt, canonical.RunId);
}
