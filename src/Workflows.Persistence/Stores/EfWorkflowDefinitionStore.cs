using Microsoft.EntityFrameworkCore;
using Workflows.Core.Persistence;
using Workflows.Persistence.Data;
using Workflows.Persistence.Data.Entities;
using Workflows.Persistence.Stores.Mapping;
using Workflows.Persistence.Stores.Sql;

namespace Workflows.Persistence.Stores;

/// <summary>Definition versions in the <c>WorkflowDefinitions</c> table.</summary>
public sealed class EfWorkflowDefinitionStore(IDbContextFactory<WorkflowsDbContext> contextFactory, WriteGate writeGate) : IWorkflowDefinitionStore
{
    // Compiled once per store: the engine looks the pinned version up at every run and resume.
    private readonly Func<WorkflowsDbContext, string, CancellationToken, Task<WorkflowDefinitionEntity?>> _findById =
        EF.CompileAsyncQuery((WorkflowsDbContext db, string id, CancellationToken _) => db.WorkflowDefinitions.FirstOrDefault(d => d.Id == id));

    // The newest version of one definition by its flags or number: what every start by definition id asks (a dispatch,
    // a webhook, the CLI). Compiled, a lookup skips EF's per-call work on the LINQ expression (building it, extracting its
    // parameters, finding its cached plan), which was a sixth of a server's CPU under a stream of starts. A condition
    // left null drops out of the SQL (EF Core writes the statement for the parameters that are null).
    private readonly Func<WorkflowsDbContext, string, bool?, bool?, int?, CancellationToken, Task<WorkflowDefinitionEntity?>> _newestOf =
        EF.CompileAsyncQuery((WorkflowsDbContext db, string definitionId, bool? published, bool? latest, int? version, CancellationToken _) =>
            db.WorkflowDefinitions
                .Where(d => d.DefinitionId == definitionId && (published == null || d.IsPublished == published)
                            && (latest == null || d.IsLatest == latest) && (version == null || d.Version == version))
                .OrderByDescending(d => d.Version)
                .FirstOrDefault());

    public async Task<StoredWorkflowDefinition?> FindByIdAsync(string id, CancellationToken cancellationToken)
    {
        await using var db = contextFactory.CreateDbContext();
        var entity = await _findById(db, id, cancellationToken);
        return entity?.ToRecord();
    }

    public async Task<IReadOnlyList<StoredWorkflowDefinition>> ListVersionsAsync(string definitionId, CancellationToken cancellationToken)
    {
        await using var db = contextFactory.CreateDbContext();
        var entities = await db.WorkflowDefinitions
            .Where(d => d.DefinitionId == definitionId)
            .OrderBy(d => d.Version)
            .ToListAsync(cancellationToken);
        return entities.ConvertAll(e => e.ToRecord());
    }

    public async Task<StoredWorkflowDefinition?> FindNewestAsync(WorkflowDefinitionFilter filter, CancellationToken cancellationToken)
    {
        await using var db = contextFactory.CreateDbContext();
        var entity = filter.DefinitionId is { } definitionId && AsksOnlyFlagsOrNumber(filter)
            ? await _newestOf(db, definitionId, filter.IsPublished, filter.IsLatest, filter.Version, cancellationToken)
            : await Filter(db.WorkflowDefinitions, filter).OrderByDescending(d => d.Version).FirstOrDefaultAsync(cancellationToken);
        return entity?.ToRecord();
    }

    /// <summary>Whether the filter asks nothing of one definition's versions but their flags or number.</summary>
    private static bool AsksOnlyFlagsOrNumber(WorkflowDefinitionFilter filter) =>
        filter == new WorkflowDefinitionFilter { DefinitionId = filter.DefinitionId, IsPublished = filter.IsPublished, IsLatest = filter.IsLatest, Version = filter.Version };

    public async Task<Page<StoredWorkflowDefinition>> ListAsync(WorkflowDefinitionFilter filter, PageArgs paging, CancellationToken cancellationToken)
    {
        await using var db = contextFactory.CreateDbContext();
        var query = Filter(db.WorkflowDefinitions, filter);
        var (entities, total) = await query.PageWithTotalAsync(Order(query, filter), paging, cancellationToken);
        return new Page<StoredWorkflowDefinition>(entities.ConvertAll(e => e.ToRecord()), total);
    }

    public async Task SaveAsync(IReadOnlyList<StoredWorkflowDefinition> versions, CancellationToken cancellationToken)
    {
        if (versions.Count == 0)
        {
            return;
        }
        using var gate = await writeGate.EnterAsync(cancellationToken);
        await using var db = contextFactory.CreateDbContext();
        await db.Database.OpenConnectionAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var batch = new WriteBatch(db);
        foreach (var version in versions)
        {
            batch.Upsert(version.ToEntity());
        }
        await batch.ExecuteAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    public async Task<int> DeleteAsync(IReadOnlyCollection<string> ids, CancellationToken cancellationToken)
    {
        if (ids.Count == 0)
        {
            return 0;
        }
        using var gate = await writeGate.EnterAsync(cancellationToken);
        await using var db = contextFactory.CreateDbContext();
        var idList = ids.ToList();
        return await db.WorkflowDefinitions.Where(d => idList.Contains(d.Id)).ExecuteDeleteAsync(cancellationToken);
    }

    private static IQueryable<WorkflowDefinitionEntity> Filter(IQueryable<WorkflowDefinitionEntity> query, WorkflowDefinitionFilter f)
    {
        if (f.DefinitionId is not null)
        {
            query = query.Where(d => d.DefinitionId == f.DefinitionId);
        }
        if (f.DefinitionIds is not null)
        {
            var definitionIds = f.DefinitionIds.ToList();
            query = query.Where(d => definitionIds.Contains(d.DefinitionId));
        }
        if (f.Ids is not null)
        {
            var ids = f.Ids.ToList();
            query = query.Where(d => ids.Contains(d.Id));
        }
        if (f.Name is not null)
        {
            query = query.Where(d => d.Name == f.Name);
        }
        if (f.SearchTerm is not null)
        {
            var term = f.SearchTerm.ToSearchPattern();
            query = query.Where(d => (d.Name != null && d.Name.ToLower().Contains(term)) || d.DefinitionId.ToLower().Contains(term));
        }
        if (f.Version is not null)
        {
            query = query.Where(d => d.Version == f.Version);
        }
        if (f.IsLatest is not null)
        {
            query = query.Where(d => d.IsLatest == f.IsLatest);
        }
        if (f.IsPublished is not null)
        {
            query = query.Where(d => d.IsPublished == f.IsPublished);
        }
        return query;
    }

    // The id is the tie-breaker so pages never overlap or skip rows when the sort key repeats.
    private static IQueryable<WorkflowDefinitionEntity> Order(IQueryable<WorkflowDefinitionEntity> query, WorkflowDefinitionFilter f) =>
        (f.OrderBy, f.Descending) switch
        {
            (WorkflowDefinitionOrder.Created, false) => query.OrderBy(d => d.CreatedAt).ThenBy(d => d.Id),
            (WorkflowDefinitionOrder.Created, true) => query.OrderByDescending(d => d.CreatedAt).ThenByDescending(d => d.Id),
            (WorkflowDefinitionOrder.Version, false) => query.OrderBy(d => d.Version).ThenBy(d => d.Id),
            (WorkflowDefinitionOrder.Version, true) => query.OrderByDescending(d => d.Version).ThenByDescending(d => d.Id),
            (_, false) => query.OrderBy(d => d.Name ?? string.Empty).ThenBy(d => d.Id),
            (_, true) => query.OrderByDescending(d => d.Name ?? string.Empty).ThenByDescending(d => d.Id),
        };
}
