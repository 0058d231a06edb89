using Microsoft.EntityFrameworkCore;
using Recipes.Ci.Persistence.Entities;

namespace Recipes.Ci.Persistence;

/// <summary>Reads and writes warm dependency state (one row per dependency name).</summary>
public sealed class WarmDependencyStateStore(IDbContextFactory<RecipesDbContext> contexts, TimeProvider time)
{
    public async Task<WarmDependencyState?> GetAsync(string name, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var row = await db.WarmDependencies.AsNoTracking().SingleOrDefaultAsync(w => w.Name == name, cancellationToken);
        return row is null ? null : ToRecord(row);
    }

    public async Task<IReadOnlyList<WarmDependencyState>> ListAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var rows = await db.WarmDependencies.AsNoTracking().OrderBy(w => w.Name).ToListAsync(cancellationToken);
        return rows.Select(ToRecord).ToList();
    }

    /// <summary>Inserts or replaces the state of <paramref name="state"/>.Name; UpdatedAt is set to now.</summary>
    public async Task<WarmDependencyState> SaveAsync(WarmDependencyState state, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var row = await db.WarmDependencies.AsTracking().SingleOrDefaultAsync(w => w.Name == state.Name, cancellationToken);
        if (row is null)
        {
            row = new WarmDependencyStateEntity { Name = state.Name };
            db.WarmDependencies.Add(row);
        }
        row.Current = state.Current;
        row.LastGood = state.LastGood;
        row.SnapshotId = state.SnapshotId;
        row.HeldReason = state.HeldReason;
        row.UpdatedAt = time.GetUtcNow();
        await db.SaveChangesAsync(cancellationToken);
        return ToRecord(row);
    }

    private static WarmDependencyState ToRecord(WarmDependencyStateEntity row) =>
        new(row.Name, row.Current, row.LastGood, row.SnapshotId, row.HeldReason, row.UpdatedAt);
}
