using Microsoft.Extensions.Logging;
using Recipes.Ci.Catalog;
using Recipes.Ci.Runs;
using Recipes.Ci.Tenants;
using Recipes.Swarm.Docker;
using Recipes.Swarm.Stacks;

namespace Recipes.Ci.Housekeeping;

/// <summary>What the orphan stack reaper removed (or would remove) and what it left alone.</summary>
public sealed record OrphanStackReport(IReadOnlyList<string> Removed, IReadOnlyList<string> Kept);

/// <summary>
/// Removes run apps (<c>ci-*</c> stacks) whose run is no longer running, with their volumes: what a crashed run
/// left deployed. Only stacks of a known run are touched (its run record names the app); warm and canonical apps
/// (<c>warm-*</c>) never are.
/// </summary>
public sealed class OrphanStackReaper(IStackQueries stacks, IStackRemover remover, RunRecords records, IRunLiveness liveness, RecipeCiOptions options,
    ILogger<OrphanStackReaper> logger)
{
    private const string RunAppPrefix = "ci-";
    private const int RecordsScanned = 10_000;

    public async Task<OrphanStackReport> ReapAsync(bool dryRun, string? scope, CancellationToken cancellationToken)
    {
        var owners = (await records.ListAsync(null, RecordsScanned, cancellationToken))
            .Where(r => r.App is not null)
            .GroupBy(r => r.App!)
            .ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var removed = new List<string>();
        var kept = new List<string>();
        foreach (var stack in await stacks.ListStacksAsync(cancellationToken))
        {
            if (!stack.Name.StartsWith(RunAppPrefix, StringComparison.Ordinal) || (scope is not null && !stack.Name.StartsWith(scope, StringComparison.Ordinal)))
                continue;
            if (!owners.TryGetValue(stack.Name, out var owner) || !RunId.TryParse(owner.RunId, out var run) || await liveness.IsRunningAsync(run, cancellationToken))
            {
                kept.Add(stack.Name);
                continue;
            }
            if (!dryRun)
                await remover.UndeployAsync(AppName.Parse(stack.Name), purgeVolumes: true, options.UndeployTimeout, cancellationToken);
            logger.LogInformation("{Action} orphan run app {App} of run {Run}", dryRun ? "Would remove" : "Removed", stack.Name, owner.RunId);
            removed.Add(stack.Name);
        }
        return new OrphanStackReport(removed, kept);
    }
}
