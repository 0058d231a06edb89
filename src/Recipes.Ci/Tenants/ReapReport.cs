namespace Recipes.Ci.Tenants;

/// <summary>
/// One reaper pass over a provider. In a dry run <see cref="Deleted"/> lists what would have been deleted and
/// nothing was. <see cref="Live"/> counts the tenants left (or that would be left).
/// </summary>
public sealed record ReapReport(string Kind, bool DryRun, IReadOnlyList<string> Deleted, IReadOnlyList<string> Kept, int Live, bool OverLimit, bool Alerted);
