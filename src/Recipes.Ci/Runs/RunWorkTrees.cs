using Recipes.Ci.Catalog;

namespace Recipes.Ci.Runs;

/// <summary>
/// The work trees of one workflow instance, by name: a run's own ref, the canonical commit it reattached to, a
/// restore's commit and its tenant needs; a serve-canonical's checkout is named for its own instance. Teardown removes
/// exactly a run's own names (and their unfinished clones), never a prefix match: the checkout a serve-canonical the
/// run just dispatched is making (or any other run's) is not the run's to delete.
/// </summary>
public static class RunWorkTrees
{
    /// <summary>The run's own ref (Deploy, Upgrade, HealthGate, Assert, Snapshot).</summary>
    public static string Own(string runId) => runId;

    /// <summary>The canonical commit Reattach checked out.</summary>
    public static string Reattached(string runId) => runId + "-c";

    /// <summary>The commit Restore checked out.</summary>
    public static string Restored(string runId) => runId + "-r";

    /// <summary>The ref ProvisionTenant read the needs from.</summary>
    public static string Tenant(string runId) => (runId.Length > 37 ? runId[..37] : runId) + "-tn";

    /// <summary>The canonical commit a serve-canonical instance checks out: its own, whichever run dispatched it.</summary>
    public static string Serve(string instanceId)
    {
        var name = ("serve-" + instanceId).ToLowerInvariant();
        return name[..Math.Min(40, name.Length)].TrimEnd('-');
    }

    /// <summary>Removes the run's own work trees and any clone of them a crash left unfinished.</summary>
    public static void Delete(RecipeCiOptions options, string recipe, string runId)
    {
        var folder = Path.Combine(options.WorkTreesRoot, recipe);
        if (!Directory.Exists(folder))
            return;
        foreach (var name in new[] { Own(runId), Reattached(runId), Restored(runId), Tenant(runId) })
        {
            WorkTreeFolder.Delete(Path.Combine(folder, name));
            foreach (var partial in Directory.GetDirectories(folder, name + ".partial-*"))
                WorkTreeFolder.Delete(partial);
        }
    }
}
