using Microsoft.EntityFrameworkCore;
using Workflows.Core.Persistence;
using Workflows.Persistence.Data;
using Workflows.Persistence.Stores.Mapping;

namespace Workflows.Persistence.Stores;

/// <summary>The <c>Stimuli</c> table (bookmark queue); consumed rows are deleted by <see cref="EfWorkflowInstanceStore.CommitAsync"/>.</summary>
public sealed class EfStimulusStore(IDbContextFactory<WorkflowsDbContext> contextFactory, WriteGate writeGate) : IStimulusStore
{
    public async Task AddAsync(StimulusRecord stimulus, CancellationToken cancellationToken)
    {
        using var gate = await writeGate.EnterAsync(cancellationToken);
        await using var db = contextFactory.CreateDbContext();
        db.Stimuli.Add(stimulus.ToEntity());
        await db.SaveChangesAsync(cancellationToken);
    }

    public async Task<StimulusRecord?> FindAsync(string id, CancellationToken cancellationToken)
    {
        await using var db = contextFactory.CreateDbContext();
        var entity = await db.Stimuli.AsNoTracking().FirstOrDefaultAsync(s => s.Id == id, cancellationToken);
        return entity?.ToRecord();
    }

    public async Task<IReadOnlyList<StimulusRecord>> ListPendingAsync(DateTimeOffset now, int max, CancellationToken cancellationToken)
    {
        await using var db = contextFactory.CreateDbContext();
        var entities = await db.Stimuli.AsNoTracking()
            .Where(s => s.ExpiresAt > now)
            .OrderBy(s => s.CreatedAt).ThenBy(s => s.Id)
            .Take(max)
            .ToListAsync(cancellationToken);
        return entities.ConvertAll(e => e.ToRecord());
    }

    public async Task<int> DeleteExpiredAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        using var gate = await writeGate.EnterAsync(cancellationToken);
        await using var db = contextFactory.CreateDbContext();
        return await db.Stimuli.Where(s => s.ExpiresAt <= now).ExecuteDeleteAsync(cancellationToken);
    }
}
