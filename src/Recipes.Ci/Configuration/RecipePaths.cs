namespace Recipes.Ci.Configuration;

/// <summary>
/// The folders recipeci works in: <c>Recipes:Root</c> (one git repo per recipe), <c>Recipes:TestsRoot</c>
/// (CI-side test overrides per recipe), <c>Snapshots:Root</c> and <c>Alerts:Root</c>.
/// </summary>
public sealed record RecipePaths(string RecipesRoot, string TestsRoot, string SnapshotsRoot, string AlertsRoot);
