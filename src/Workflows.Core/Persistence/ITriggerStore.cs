namespace Workflows.Core.Persistence;

/// <summary>Stores the triggers indexed from published definitions.</summary>
public interface ITriggerStore
{
    /// <summary>Replaces all triggers of one definition in one transaction (empty list: removes them).</summary>
    Task ReplaceAsync(string workflowDefinitionId, IReadOnlyList<TriggerRecord> triggers, CancellationToken cancellationToken);

    Task<IReadOnlyList<TriggerRecord>> FindAsync(TriggerFilter filter, CancellationToken cancellationToken);
}
