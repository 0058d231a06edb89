namespace Workflows.Core.Persistence;

/// <summary>Stores workflow definition versions. Versioning rules live in the definition service, not here.</summary>
public interface IWorkflowDefinitionStore
{
    Task<StoredWorkflowDefinition?> FindByIdAsync(string id, CancellationToken cancellationToken);

    /// <summary>All versions of one definition, ordered by version ascending.</summary>
    Task<IReadOnlyList<StoredWorkflowDefinition>> ListVersionsAsync(string definitionId, CancellationToken cancellationToken);

    /// <summary>
    /// The highest version that matches <paramref name="filter"/> (its order ignored), or null: one row read, where a
    /// start would otherwise read every version of the definition with its document.
    /// </summary>
    Task<StoredWorkflowDefinition?> FindNewestAsync(WorkflowDefinitionFilter filter, CancellationToken cancellationToken);

    Task<Page<StoredWorkflowDefinition>> ListAsync(WorkflowDefinitionFilter filter, PageArgs paging, CancellationToken cancellationToken);

    /// <summary>Inserts or replaces (by id) all given versions in one transaction, e.g. a publish that flips flags.</summary>
    Task SaveAsync(IReadOnlyList<StoredWorkflowDefinition> versions, CancellationToken cancellationToken);

    /// <summary>Deletes versions by id; returns how many existed.</summary>
    Task<int> DeleteAsync(IReadOnlyCollection<string> ids, CancellationToken cancellationToken);
}
