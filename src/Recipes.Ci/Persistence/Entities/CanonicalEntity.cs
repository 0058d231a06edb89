namespace Recipes.Ci.Persistence.Entities;

/// <summary>One row per recipe: the known-good commit and the snapshot its canonical app <c>warm-&lt;recipe&gt;</c> is served from.</summary>
public sealed class CanonicalEntity
{
    public string Recipe { get; set; } = string.Empty;
    public string Commit { get; set; } = string.Empty;
    public string? Version { get; set; }
    public string SnapshotId { get; set; } = string.Empty;

    /// <summary>The app the snapshot was taken of (its folder under <c>Snapshots:Root</c>): the promoting cold run's app.</summary>
    public string SnapshotApp { get; set; } = string.Empty;
    public DateTimeOffset PromotedAt { get; set; }

    /// <summary>The green cold run that promoted it.</summary>
    public string RunId { get; set; } = string.Empty;
}
