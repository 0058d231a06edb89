using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;
using Recipes.Ci.Housekeeping;
using Recipes.Ci.Runs;
using Recipes.Swarm.Docker;
using Recipes.Swarm.Snapshots;

namespace Recipes.Ci.Canonicals;

/// <summary>
/// Snapshot retention by recipe and role (<c>Snapshots:KeepPerRecipe</c>): per recipe, the newest N snapshots of its
/// cold runs (the canonical history, each under its own app <c>ci-&lt;recipe&gt;-&lt;run8&gt;</c>) are kept, and per warm
/// app <c>warm-&lt;name&gt;</c> the newest N of its own; every snapshot a canonical or a warm dependency's
/// <c>last_good</c> refers to is kept whatever its age. So a recipe holds at most N + 1 snapshots (the +1 when its
/// canonical is older than its newest N). Applied after every promotion and by every housekeeping pass.
/// </summary>
public sealed partial class SnapshotRetention(ISnapshotStore snapshots, ReferencedSnapshots referenced, RecipeCiOptions options, ILogger<SnapshotRetention> logger)
{
    public const int DefaultKeepPerRecipe = 3;

    /// <summary>
    /// Deletes (or, with <paramref name="dryRun"/>, lists) the snapshots beyond retention; <paramref name="recipe"/>
    /// limits it to that recipe's cold-run snapshots. Returns them as <c>app/id</c>.
    /// </summary>
    public async Task<IReadOnlyList<string>> ApplyAsync(string? recipe, bool dryRun, CancellationToken cancellationToken)
    {
        var keep = Math.Max(1, options.SnapshotsKeepPerRecipe);
        var kept = (await referenced.ListAsync(cancellationToken)).Select(s => s.Value).ToHashSet(StringComparer.Ordinal);
        var expired = (await snapshots.ListAsync(null, cancellationToken))
            .Select(s => (Snapshot: s, Group: GroupOf(s.App)))
            .Where(s => s.Group is not null && (recipe is null || s.Group == ColdGroup(recipe)))
            .GroupBy(s => s.Group, StringComparer.Ordinal)
            .SelectMany(g => g.OrderByDescending(s => s.Snapshot.CreatedAt).ThenByDescending(s => s.Snapshot.Id, StringComparer.Ordinal).Skip(keep))
            .Select(s => s.Snapshot)
            .Where(s => !kept.Contains(s.Id))
            .ToList();
        var removed = new List<string>();
        foreach (var snapshot in expired)
        {
            if (!dryRun)
                await snapshots.DeleteAsync(AppName.Parse(snapshot.App), SnapshotId.Parse(snapshot.Id), cancellationToken);
            removed.Add($"{snapshot.App}/{snapshot.Id}");
        }
        if (removed.Count > 0)
            logger.LogInformation("Snapshot retention (newest {Keep} per recipe and referenced ones kept){DryRun}: {Removed}",
                keep, dryRun ? " would remove" : " removed", string.Join(", ", removed));
        return removed;
    }

    /// <summary>What retention counts a snapshot of <paramref name="app"/> towards: its recipe's runs, or its warm app; null for other apps.</summary>
    public static string? GroupOf(string app)
    {
        if (ColdApp().Match(app) is { Success: true } cold)
            return ColdGroup(cold.Groups["recipe"].Value);
        return app.StartsWith("warm-", StringComparison.Ordinal) ? app : null;
    }

    private static string ColdGroup(string recipe) => "recipe:" + recipe;

    [GeneratedRegex("^ci-(?<recipe>.+)-[a-z0-9]{8}\\z")]
    private static partial Regex ColdApp();
}
