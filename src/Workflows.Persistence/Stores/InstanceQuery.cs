using Workflows.Core.Persistence;
using Workflows.Persistence.Data.Entities;

namespace Workflows.Persistence.Stores;

/// <summary>Translates <see cref="WorkflowInstanceFilter"/> into SQL-translatable LINQ (same semantics as the in-memory store).</summary>
internal static class InstanceQuery
{
    public static IQueryable<WorkflowInstanceEntity> Filter(IQueryable<WorkflowInstanceEntity> query, WorkflowInstanceFilter f)
    {
        if (f.Ids is not null)
        {
            var ids = f.Ids.ToList();
            query = query.Where(i => ids.Contains(i.Id));
        }
        if (f.DefinitionId is not null)
        {
            query = query.Where(i => i.DefinitionId == f.DefinitionId);
        }
        if (f.DefinitionIds is { Count: > 0 })
        {
            var definitionIds = f.DefinitionIds.ToList();
            query = query.Where(i => definitionIds.Contains(i.DefinitionId));
        }
        if (f.DefinitionVersionId is not null)
        {
            query = query.Where(i => i.DefinitionVersionId == f.DefinitionVersionId);
        }
        if (f.Version is not null)
        {
            query = query.Where(i => i.Version == f.Version);
        }
        if (f.CorrelationId is not null)
        {
            query = query.Where(i => i.CorrelationId == f.CorrelationId);
        }
        if (f.ParentInstanceId is not null)
        {
            query = query.Where(i => i.ParentInstanceId == f.ParentInstanceId);
        }
        if (f.SearchTerm is not null)
        {
            var term = f.SearchTerm.ToSearchPattern();
            query = query.Where(i => i.Id.ToLower().Contains(term)
                                     || (i.Name != null && i.Name.ToLower().Contains(term))
                                     || (i.CorrelationId != null && i.CorrelationId.ToLower().Contains(term)));
        }
        if (f.Statuses is not null)
        {
            var statuses = f.Statuses.Select(s => s.ToString()).ToList();
            query = query.Where(i => statuses.Contains(i.Status));
        }
        if (f.SubStatuses is not null)
        {
            var subStatuses = f.SubStatuses.Select(s => s.ToString()).ToList();
            query = query.Where(i => subStatuses.Contains(i.SubStatus));
        }
        if (f.HasIncidents is not null)
        {
            query = f.HasIncidents.Value ? query.Where(i => i.IncidentCount > 0) : query.Where(i => i.IncidentCount == 0);
        }
        if (f.CreatedAfter is not null)
        {
            var after = f.CreatedAfter.Value;
            query = query.Where(i => i.CreatedAt > after);
        }
        if (f.CreatedBefore is not null)
        {
            var before = f.CreatedBefore.Value;
            query = query.Where(i => i.CreatedAt < before);
        }
        if (f.FinishedAfter is not null)
        {
            DateTimeOffset? after = f.FinishedAfter.Value;
            query = query.Where(i => i.FinishedAt != null && i.FinishedAt > after);
        }
        if (f.FinishedBefore is not null)
        {
            DateTimeOffset? before = f.FinishedBefore.Value;
            query = query.Where(i => i.FinishedAt != null && i.FinishedAt < before);
        }
        if (f.LeaseExpiredBefore is not null)
        {
            DateTimeOffset? before = f.LeaseExpiredBefore.Value;
            var running = WorkflowStatus.Running.ToString();
            query = query.Where(i => i.Status == running && (i.LeaseExpiresAt == null || i.LeaseExpiresAt < before));
        }
        return query;
    }

    // Id breaks ties so that paging is stable; FinishedAt puts unfinished instances last ascending (as the in-memory store).
    public static IQueryable<WorkflowInstanceEntity> Order(IQueryable<WorkflowInstanceEntity> query, WorkflowInstanceFilter f) =>
        (f.OrderBy, f.Descending) switch
        {
            (WorkflowInstanceOrder.Name, false) => query.OrderBy(i => i.Name).ThenBy(i => i.Id),
            (WorkflowInstanceOrder.Name, true) => query.OrderByDescending(i => i.Name).ThenByDescending(i => i.Id),
            (WorkflowInstanceOrder.UpdatedAt, false) => query.OrderBy(i => i.UpdatedAt).ThenBy(i => i.Id),
            (WorkflowInstanceOrder.UpdatedAt, true) => query.OrderByDescending(i => i.UpdatedAt).ThenByDescending(i => i.Id),
            (WorkflowInstanceOrder.FinishedAt, false) => query.OrderBy(i => i.FinishedAt == null).ThenBy(i => i.FinishedAt).ThenBy(i => i.Id),
            (WorkflowInstanceOrder.FinishedAt, true) => query.OrderByDescending(i => i.FinishedAt == null).ThenByDescending(i => i.FinishedAt).ThenByDescending(i => i.Id),
            (_, false) => query.OrderBy(i => i.CreatedAt).ThenBy(i => i.Id),
            (_, true) => query.OrderByDescending(i => i.CreatedAt).ThenByDescending(i => i.Id),
        };
}
