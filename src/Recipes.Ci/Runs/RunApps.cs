using Recipes.Swarm.Docker;

namespace Recipes.Ci.Runs;

/// <summary>App names of DESIGN.md section 4: cold run <c>ci-&lt;recipe&gt;-&lt;run8&gt;</c>, canonical <c>warm-&lt;recipe&gt;</c>.</summary>
public static class RunApps
{
    public static AppName Cold(string recipe, string runId) => AppName.Parse($"ci-{recipe}-{runId[..Math.Min(8, runId.Length)]}");

    public static AppName Canonical(string recipe) => AppName.Parse($"warm-{recipe}");
}
