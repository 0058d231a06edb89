namespace Recipes.Ci.Canonicals;

/// <summary>What <see cref="CanonicalRegistry.PromoteAsync"/> did.</summary>
public enum PromotionKind
{
    /// <summary>The recipe had no canonical; this run's commit and snapshot became it.</summary>
    Seeded,

    /// <summary>The canonical moved to this run's commit and snapshot.</summary>
    Advanced,

    /// <summary>This run had already promoted it (a re-run after a crash): nothing changed.</summary>
    AlreadyPromoted,

    /// <summary>The run may not promote (not a green cold run): nothing changed.</summary>
    Refused,
}

/// <param name="Canonical">The canonical after the call (null when refused and there is none).</param>
/// <param name="Reason">Why it was refused.</param>
public sealed record PromotionResult(PromotionKind Kind, Canonical? Canonical, string? Reason = null);
