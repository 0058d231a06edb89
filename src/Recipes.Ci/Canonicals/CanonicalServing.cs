using Microsoft.EntityFrameworkCore;
using Recipes.Ci.Persistence;
using Recipes.Ci.Persistence.Entities;

namespace Recipes.Ci.Canonicals;

/// <summary>
/// Whether <c>warm-&lt;recipe&gt;</c> is serving its canonical untouched, so that a quick run may reattach to it without
/// a deploy. Whatever changes the app or its volumes forgets the mark first (a crash in between then only costs the
/// next run a restore); a quick run takes the mark away atomically, so two runs can never both trust one app.
/// </summary>
public sealed class CanonicalServing(IDbContextFactory<RecipesDbContext> contexts, TimeProvider time)
{
    public async Task<ServedCanonical?> GetAsync(string recipe, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var row = await db.CanonicalServing.AsNoTracking().SingleOrDefaultAsync(s => s.Recipe == recipe, cancellationToken);
        return row is null ? null : new ServedCanonical(row.Recipe, row.SnapshotId, row.Commit, row.ServedAt);
    }

    /// <summary>Records that the app now serves <paramref name="canonical"/> untouched.</summary>
    public async Task MarkServedAsync(Canonical canonical, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var row = await db.CanonicalServing.AsTracking().SingleOrDefaultAsync(s => s.Recipe == canonical.Recipe, cancellationToken);
        if (row is null)
        {
            row = new CanonicalServingEntity { Recipe = canonical.Recipe };
            db.CanonicalServing.Add(row);
        }
        row.SnapshotId = canonical.SnapshotId;
        row.Commit = canonical.Commit;
        row.ServedAt = time.GetUtcNow();
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>
    /// Takes the mark for one run: true when the app was serving exactly <paramref name="canonical"/> untouched, and
    /// from now on it is not (the run is about to change it). Atomic: of two callers at most one gets true.
    /// </summary>
    public async Task<bool> TryTakeAsync(Canonical canonical, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var taken = await db.CanonicalServing
            .Where(s => s.Recipe == canonical.Recipe && s.SnapshotId == canonical.SnapshotId && s.Commit == canonical.Commit)
            .ExecuteDeleteAsync(cancellationToken);
        return taken == 1;
    }

    /// <summary>Forgets the mark: the app is about to be changed, taken down or restored.</summary>
    public async Task ForgetAsync(string recipe, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await db.CanonicalServing.Where(s => s.Recipe == recipe).ExecuteDeleteAsync(cancellationToken);
    }
}
