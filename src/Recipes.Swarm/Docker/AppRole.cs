namespace Recipes.Swarm.Docker;

/// <summary>
/// Why an app exists. Cold runs deploy <see cref="Run"/> apps; <see cref="Canonical"/> (<c>warm-&lt;recipe&gt;</c>) and
/// <see cref="Warm"/> (<c>warm-&lt;dependency&gt;</c>) apps are long-lived and their volumes are never pruned.
/// </summary>
public enum AppRole
{
    Run,
    Canonical,
    Warm,
}
