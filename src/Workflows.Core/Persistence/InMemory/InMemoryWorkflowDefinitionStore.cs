namespace Workflows.Core.Persistence.InMemory;

/// <summary>Definition store in process memory, for tests and <c>recipeci run</c>.</summary>
public sealed class InMemoryWorkflowDefinitionStore : IWorkflowDefinitionStore
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, StoredWorkflowDefinition> _byId = new(StringComparer.Ordinal);

    public Task<StoredWorkflowDefinition?> FindByIdAsync(string id, CancellationToken cancellationToken)
    {
        lock (_gate)
            return Task.FromResult(_byId.GetValueOrDefault(id));
    }

    public Task<IReadOnlyList<StoredWorkflowDefinition>> ListVersionsAsync(string definitionId, CancellationToken cancellationToken)
    {
        lock (_gate)
            return Task.FromResult<IReadOnlyList<StoredWorkflowDefinition>>([.. _byId.Values.Where(d => d.DefinitionId == definitionId).OrderBy(d => d.Version)]);
    }

    public Task<StoredWorkflowDefinition?> FindNewestAsync(WorkflowDefinitionFilter filter, CancellationToken cancellationToken)
    {
        lock (_gate)
            return Task.FromResult(_byId.Values.Where(d => Matches(filter, d)).MaxBy(d => d.Version));
    }

    public Task<Page<StoredWorkflowDefinition>> ListAsync(WorkflowDefinitionFilter filter, PageArgs paging, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            var matches = _byId.Values.Where(d => Matches(filter, d));
            matches = filter.OrderBy switch
            {
                WorkflowDefinitionOrder.Created => Order(matches, d => d.CreatedAt, filter.Descending),
                WorkflowDefinitionOrder.Version => Order(matches, d => d.Version, filter.Descending),
                _ => Order(matches, d => d.Name ?? string.Empty, filter.Descending),
            };
            var all = matches.ToList();
            return Task.FromResult(paging.Of(all));
        }
    }

    public Task SaveAsync(IReadOnlyList<StoredWorkflowDefinition> versions, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            foreach (var version in versions)
                _byId[version.Id] = version;
        }
        return Task.CompletedTask;
    }

    public Task<int> DeleteAsync(IReadOnlyCollection<string> ids, CancellationToken cancellationToken)
    {
        lock (_gate)
            return Task.FromResult(ids.Count(id => _byId.Remove(id)));
    }

    private static IOrderedEnumerable<StoredWorkflowDefinition> Order<TKey>(
        IEnumerable<StoredWorkflowDefinition> source, Func<StoredWorkflowDefinition, TKey> key, bool descending) =>
        descending ? source.OrderByDescending(key) : source.OrderBy(key);

    private static bool Matches(WorkflowDefinitionFilter f, StoredWorkflowDefinition d) =>
        (f.DefinitionId is null || d.DefinitionId == f.DefinitionId)
        && (f.DefinitionIds is null || f.DefinitionIds.Contains(d.DefinitionId))
        && (f.Ids is null || f.Ids.Contains(d.Id))
        && (f.Name is null || d.Name == f.Name)
        && (f.SearchTerm is null
            || (d.Name?.Contains(f.SearchTerm, StringComparison.OrdinalIgnoreCase) ?? false)
            || d.DefinitionId.Contains(f.SearchTerm, StringComparison.OrdinalIgnoreCase))
        && (f.Version is null || d.Version == f.Version)
        && (f.IsLatest is null || d.IsLatest == f.IsLatest)
        && (f.IsPublished is null || d.IsPublished == f.IsPublished);
}
