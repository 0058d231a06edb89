using Workflows.Core.Definitions;
using Workflows.Core.Persistence;

namespace Workflows.Core.Activities.WorkflowDefinitions;

/// <summary>
/// Reads the stored definitions usable as activities into the registry: once when a process first needs them, and again
/// when a definition names an activity type the registry does not know. Afterwards the registry learns only this
/// process's own saves, so a workflow published since by another node, or by <c>recipeci workflows import</c>, is only
/// in the store.
/// </summary>
public sealed class WorkflowActivityTypeRefresh(ActivityRegistry registry, IWorkflowDefinitionStore store, Func<DateTimeOffset> now)
{
    // A definition that names a type nobody published must not read every definition at each of its runs.
    private static readonly TimeSpan RetryAfter = TimeSpan.FromSeconds(1);

    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly Dictionary<string, DateTimeOffset> _missed = new(StringComparer.Ordinal);

    private readonly Lock _firstReadLock = new();
    private Task? _firstRead;

    /// <summary>Registers the stored versions usable as activities once; later calls wait for that first read.</summary>
    public Task EnsureReadAsync()
    {
        lock (_firstReadLock)
            return _firstRead ??= ReadStoredAsync(CancellationToken.None);
    }

    private async Task ReadStoredAsync(CancellationToken cancellationToken)
    {
        var stored = await store.ListAsync(new WorkflowDefinitionFilter(), PageArgs.All, cancellationToken);
        foreach (var definition in stored.Items)
            registry.WorkflowActivities.Update(definition);
    }

    /// <summary>The activity types a document names that the registry does not know.</summary>
    public IReadOnlyList<string> UnknownTypes(WorkflowDefinitionDocument document) =>
        document.Root is { } root
            ? [.. ActivityJson.SelfAndDescendants(root).Select(a => ActivityJson.GetString(a, "type")).OfType<string>()
                .Distinct(StringComparer.Ordinal).Where(t => !registry.Contains(t))]
            : [];

    /// <summary>Reads the stored definitions again when the document names an unknown type; true when it did.</summary>
    public async Task<bool> LearnTypesOfAsync(WorkflowDefinitionDocument document, CancellationToken cancellationToken)
    {
        if (UnknownTypes(document).Count == 0)
            return false;
        await _gate.WaitAsync(cancellationToken);
        try
        {
            // Another caller may have read them while this one waited.
            var unknown = UnknownTypes(document);
            var time = now();
            if (unknown.Count == 0 || unknown.All(t => _missed.TryGetValue(t, out var at) && time - at < RetryAfter))
                return false;
            await ReadStoredAsync(cancellationToken);
            foreach (var type in UnknownTypes(document))
                _missed[type] = time;
            return true;
        }
        finally
        {
            _gate.Release();
        }
    }
}
