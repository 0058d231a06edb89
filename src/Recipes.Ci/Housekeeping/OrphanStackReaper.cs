using Microsoft.Extensions.Logging;
using Recipes.Ci.Canonicals;
using Recipes.Ci.Catalog;
using Recipes.Ci.Locking;
using Recipes.Ci.Runs;
using Recipes.Ci.Secrets;
using Recipes.Ci.Tenants;
using Recipes.Ci.Warm;
using Recipes.Swarm.Docker;
using Recipes.Swarm.Stacks;

namespace Recipes.Ci.Housekeeping;

/// <summary>What the orphan stack reaper removed (or would remove) and what it left alone.</summary>
public sealed record OrphanStackReport(IReadOnlyList<string> Removed, IReadOnlyList<string> Kept);

/// <summary>
/// Removes what a crashed or cancelled run left deployed. A run app (<c>ci-*</c>) whose run is no longer running is
/// removed with its volumes and its stored secret values. A canonical app (<c>warm-&lt;recipe&gt;</c>) stays while it is served untouched
/// (<see cref="CanonicalServing"/>) or while someone holds its app lock (a run, or serve-canonical.json restoring it);
/// otherwise, when no run that worked on it is still running, it is what a dead run left behind and is undeployed,
/// its volumes kept (the next quick run restores them from the canonical snapshot anyway). Only stacks some run
/// record names as its app are touched; warm dependencies' apps never are.
/// </summary>
public sealed class OrphanStackReaper(IStackQueries stacks, IStackRemover remover, RunRecords records, IRunLiveness liveness, RecipeCiOptions options,
    WarmDependencyCatalog warm, CanonicalServing serving, AppLocks locks, AppSecrets secrets, ILogger<OrphanStackReaper> logger)
{
    private const string RunAppPrefix = "ci-";
    private const string CanonicalAppPrefix = "warm-";
    private const int RecordsScanned = 10_000;

    public async Task<OrphanStackReport> ReapAsync(bool dryRun, string? scope, CancellationToken cancellationToken)
    {
        var runsByApp = (await records.ListAsync(null, RecordsScanned, cancellationToken))
            .Where(r => r.App is not null)
            .GroupBy(r => r.App!)
            .ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        var warmApps = warm.All.Select(d => WarmDependencyCatalog.AppOf(d.Name).Value).ToHashSet(StringComparer.Ordinal);
        var removed = new List<string>();
        var kept = new List<string>();
        foreach (var stack in await stacks.ListStacksAsync(cancellationToken))
        {
            if (scope is not null && !stack.Name.StartsWith(scope, StringComparison.Ordinal))
                continue;
            var isRunApp = stack.Name.StartsWith(RunAppPrefix, StringComparison.Ordinal);
            var isCanonical = stack.Name.StartsWith(CanonicalAppPrefix, StringComparison.Ordinal) && !warmApps.Contains(stack.Name);
            if (!isRunApp && !isCanonical)
                continue;
            if (!runsByApp.TryGetValue(stack.Name, out var runs) || await AnyRunningAsync(runs, cancellationToken)
                || (isCanonical && await InUseAsync(stack.Name, cancellationToken)))
            {
                kept.Add(stack.Name);
                continue;
            }
            if (!dryRun)
            {
                // A canonical's volumes hold the recipe's known-good data: never purged here.
                await remover.UndeployAsync(AppName.Parse(stack.Name), purgeVolumes: isRunApp, options.UndeployTimeout, cancellationToken);
                if (isRunApp)
                    await secrets.ForgetAsync(AppName.Parse(stack.Name), cancellationToken);
                foreach (var run in runs.Where(r => r.FinishedAt is null))
                    await records.FinishAsync(run.RunId, RunResults.Error, cancellationToken);
            }
            logger.LogInformation("{Action} orphan {Kind} app {App} of run {Run}", dryRun ? "Would remove" : "Removed",
                isRunApp ? "run" : "canonical", stack.Name, runs[0].RunId);
            removed.Add(stack.Name);
        }
        return new OrphanStackReport(removed, kept);
    }

    /// <summary>A canonical app that is served untouched, or whose lock a holder that may be alive keeps, is in use.</summary>
    private async Task<bool> InUseAsync(string app, CancellationToken cancellationToken)
    {
        if (await serving.GetAsync(app[CanonicalAppPrefix.Length..], cancellationToken) is { } served)
        {
            logger.LogInformation("Keeping canonical app {App}: it serves snapshot {SnapshotId} untouched since {ServedAt}", app, served.SnapshotId, served.ServedAt);
            return true;
        }
        if (!await locks.IsHeldAsync(app, cancellationToken))
            return false;
        logger.LogInformation("Keeping canonical app {App}: its lock is held by a run or serve-canonical that may be alive", app);
        return true;
    }

    /// <summary>A finished run record is dead; an unfinished one is asked of run liveness. An unparsable id counts as running.</summary>
    private async Task<bool> AnyRunningAsync(IReadOnlyList<RunRecord> runs, CancellationToken cancellationToken)
    {
        foreach (var record in runs.Where(r => r.FinishedAt is null))
        {
            if (!RunId.TryParse(record.RunId, out var run) || await liveness.IsRunningAsync(run, cancellationToken))
                return true;
        }
        return false;
    }
}
