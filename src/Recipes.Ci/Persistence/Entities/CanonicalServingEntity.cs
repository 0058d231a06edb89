namespace Recipes.Ci.Persistence.Entities;

/// <summary>
/// One row while a recipe's canonical app <c>warm-&lt;recipe&gt;</c> is up and untouched: deployed from the canonical
/// commit on an exact restore of the canonical snapshot, with no run attached since. A quick run that finds its row
/// reattaches without a deploy (and deletes the row: from then on the app holds the run's changes).
/// </summary>
public sealed class CanonicalServingEntity
{
    public string Recipe { get; set; } = string.Empty;

    /// <summary>The snapshot the app's volumes were restored from; the row only counts while it is the canonical's.</summary>
    public string SnapshotId { get; set; } = string.Empty;

    /// <summary>The commit the app was deployed from.</summary>
    public string Commit { get; set; } = string.Empty;

    public DateTimeOffset ServedAt { get; set; }
}
