using Recipes.Ci.Catalog;

namespace Recipes.Ci.Runs;

/// <summary>The work trees a run checked out (its own ref, the canonical commit, a restore's commit), removed at teardown.</summary>
public static class RunWorkTrees
{
    public static void Delete(RecipeCiOptions options, string recipe, string runId)
    {
        var folder = Path.Combine(options.WorkTreesRoot, recipe);
        if (!Directory.Exists(folder))
            return;
        foreach (var tree in Directory.GetDirectories(folder, runId + "*"))
            WorkTreeFolder.Delete(tree);
    }
}
