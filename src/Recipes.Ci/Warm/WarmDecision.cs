namespace Recipes.Ci.Warm;

/// <summary>What the reconciler should do with a warm dependency.</summary>
public enum WarmAction
{
    Upgrade,
    UpToDate,
    Held,
}

/// <summary>
/// The outcome of the version policy and the safety gate. <see cref="Current"/> is what runs now (null before the
/// first deploy); <see cref="Reason"/> says why an upgrade is held.
/// </summary>
public sealed record WarmDecision(WarmAction Action, string Dependency, string Target, string? Current, string? LastGood, string? Reason);
