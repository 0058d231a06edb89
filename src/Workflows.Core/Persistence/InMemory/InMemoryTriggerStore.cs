namespace Workflows.Core.Persistence.InMemory;

/// <summary>Trigger store in process memory, for tests and <c>recipeci run</c>.</summary>
public sealed class InMemoryTriggerStore : ITriggerStore
{
    private readonly Lock _gate = new();
    private readonly List<TriggerRecord> _triggers = [];

    public Task ReplaceAsync(string workflowDefinitionId, IReadOnlyList<TriggerRecord> triggers, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            _triggers.RemoveAll(t => t.WorkflowDefinitionId == workflowDefinitionId);
            _triggers.AddRange(triggers);
        }
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<TriggerRecord>> FindAsync(TriggerFilter filter, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            IReadOnlyList<TriggerRecord> found = _triggers
                .Where(t => (filter.Name is null || t.Name == filter.Name)
                            && (filter.Hash is null || t.Hash == filter.Hash)
                            && (filter.WorkflowDefinitionId is null || t.WorkflowDefinitionId == filter.WorkflowDefinitionId))
                .ToList();
            return Task.FromResult(found);
        }
    }
}
