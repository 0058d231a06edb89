using Recipes.Ci.Catalog;
using Recipes.Ci.Runs;

namespace Recipes.Ci.Canonicals;

/// <summary>
/// Whether a run may advance its recipe's canonical: only a cold run whose commit a trusted ref reaches
/// (<see cref="PromoteFrom"/>). A pull request's cold fallback, or a manual cold run of an unmerged branch, runs and
/// reports but never becomes the canonical that later pull requests are upgrade-tested against.
/// </summary>
public sealed class PromotionPolicy(RecipeCatalog catalog, RecipeCiOptions options)
{
    /// <summary>Null when <paramref name="run"/> may promote; otherwise why not, for the run record and the logs.</summary>
    public string? Refusal(RunRecord run)
    {
        if (!RunModes.IsCold(run.Mode))
            return $"a {run.Mode} run never promotes";
        if (run.Commit is null)
            return "the run has no resolved commit";
        var rules = options.PromoteFrom;
        if (catalog.FindTrustedRef(RecipeName.Parse(run.Recipe), run.Commit, rules) is not null)
            return null;
        var what = run.Pr is null ? $"ref '{run.Ref}'" : $"pull request {run.Pr} (ref '{run.Ref}')";
        return $"{what} at commit {run.Commit[..Math.Min(12, run.Commit.Length)]} is not reachable from a trusted ref (Ci:PromoteFrom = {rules})";
    }
}
