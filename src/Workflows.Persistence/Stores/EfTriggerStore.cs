using Microsoft.EntityFrameworkCore;
using Workflows.Core.Persistence;
using Workflows.Persistence.Data;
using Workflows.Persistence.Stores.Mapping;
using Workflows.Persistence.Stores.Sql;

namespace Workflows.Persistence.Stores;

/// <summary>Triggers indexed from published definitions, in the <c>Triggers</c> table.</summary>
public sealed class EfTriggerStore(IDbContextFactory<WorkflowsDbContext> contextFactory, WriteGate writeGate) : ITriggerStore
{
    public async Task ReplaceAsync(string workflowDefinitionId, IReadOnlyList<TriggerRecord> triggers, CancellationToken cancellationToken)
    {
        using var gate = await writeGate.EnterAsync(cancellationToken);
        await using var db = contextFactory.CreateDbContext();
        await db.Database.OpenConnectionAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.Triggers.Where(t => t.WorkflowDefinitionId == workflowDefinitionId).ExecuteDeleteAsync(cancellationToken);
        var batch = new WriteBatch(db);
        foreach (var trigger in triggers)
        {
            // Upsert: a trigger id may move between definitions when a file is re-imported under a new id.
            batch.Upsert(trigger.ToEntity());
        }
        await batch.ExecuteAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<TriggerRecord>> FindAsync(TriggerFilter filter, CancellationToken cancellationToken)
    {
        await using var db = contextFactory.CreateDbContext();
        var query = db.Triggers.AsQueryable();
        if (filter.Name is not null)
        {
            query = query.Where(t => t.Name == filter.Name);
        }
        if (filter.Hash is not null)
        {
            query = query.Where(t => t.Hash == filter.Hash);
        }
        if (filter.WorkflowDefinitionId is not null)
        {
            query = query.Where(t => t.WorkflowDefinitionId == filter.WorkflowDefinitionId);
        }
        var entities = await query.OrderBy(t => t.Id).ToListAsync(cancellationToken);
        return entities.ConvertAll(e => e.ToRecord());
    }
}
