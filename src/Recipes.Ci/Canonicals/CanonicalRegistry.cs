using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Recipes.Ci.Persistence;
using Recipes.Ci.Persistence.Entities;
using Recipes.Ci.Runs;

namespace Recipes.Ci.Canonicals;

/// <summary>
/// The persisted canonical per recipe. It enforces DESIGN.md's rule itself rather than trusting the flow: only a
/// green cold run (its run record says mode cold or cold (fallback) and result pass) promotes, the first one seeds.
/// </summary>
public sealed class CanonicalRegistry(IDbContextFactory<RecipesDbContext> contexts, RunRecords runs, TimeProvider time, ILogger<CanonicalRegistry> logger)
{
    public async Task<Canonical?> GetAsync(string recipe, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var row = await db.Canonicals.AsNoTracking().SingleOrDefaultAsync(c => c.Recipe == recipe, cancellationToken);
        return row is null ? null : ToRecord(row);
    }

    public async Task<IReadOnlyList<Canonical>> ListAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var rows = await db.Canonicals.AsNoTracking().OrderBy(c => c.Recipe).ToListAsync(cancellationToken);
        return rows.Select(ToRecord).ToList();
    }

    /// <summary>Advances (or seeds) the canonical of the run's recipe to <paramref name="commit"/> and <paramref name="snapshotId"/>.</summary>
    public async Task<PromotionResult> PromoteAsync(string runId, string commit, string? version, string snapshotId, string snapshotApp, CancellationToken cancellationToken)
    {
        var run = await runs.GetAsync(runId, cancellationToken)
                  ?? throw new InvalidOperationException($"Run {runId} has no run record.");
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var row = await db.Canonicals.AsTracking().SingleOrDefaultAsync(c => c.Recipe == run.Recipe, cancellationToken);
        if (row is not null && row.RunId == runId && row.SnapshotId == snapshotId)
            return new PromotionResult(PromotionKind.AlreadyPromoted, ToRecord(row));
        if (!RunModes.IsCold(run.Mode))
            return Refuse(row, $"run {runId} is a {run.Mode} run; only a cold run promotes");
        if (run.Result != RunResults.Pass)
            return Refuse(row, $"run {runId} is not green (result {run.Result ?? "none"})");

        var kind = row is null ? PromotionKind.Seeded : PromotionKind.Advanced;
        if (row is null)
        {
            row = new CanonicalEntity { Recipe = run.Recipe };
            db.Canonicals.Add(row);
        }
        row.Commit = commit;
        row.Version = version;
        row.SnapshotId = snapshotId;
        row.SnapshotApp = snapshotApp;
        row.RunId = runId;
        row.PromotedAt = time.GetUtcNow();
        await db.SaveChangesAsync(cancellationToken);
        logger.LogInformation("Canonical of {Recipe} {Kind} to {Commit} ({Version}), snapshot {SnapshotId}, by run {RunId}",
            run.Recipe, kind, commit, version, snapshotId, runId);
        return new PromotionResult(kind, ToRecord(row));
    }

    private PromotionResult Refuse(CanonicalEntity? current, string reason)
    {
        logger.LogWarning("Promotion refused: {Reason}", reason);
        return new PromotionResult(PromotionKind.Refused, current is null ? null : ToRecord(current), reason);
    }

    private static Canonical ToRecord(CanonicalEntity row) =>
        new(row.Recipe, row.Commit, row.Version, row.SnapshotId, row.SnapshotApp, row.PromotedAt, row.RunId);
}
