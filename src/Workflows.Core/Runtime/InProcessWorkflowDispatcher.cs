using System.Collections.Concurrent;
using System.Text.Json.Nodes;

namespace Workflows.Core.Runtime;

/// <summary>
/// A queue of dispatched work that <see cref="InProcessWorkflowRunner"/> drains in the same process. Resumptions come
/// before new runs: an instance that is already under way goes on before a workflow it dispatched without waiting
/// starts, as on a server where the two would run side by side (a fire-and-forget child never holds its parent up).
/// </summary>
public sealed class InProcessWorkflowDispatcher : IWorkflowDispatcher
{
    private readonly ConcurrentQueue<DispatchedWork> _resumptions = new();
    private readonly ConcurrentQueue<DispatchedWork> _runs = new();
    private readonly ConcurrentDictionary<string, byte> _started = new();

    /// <summary>Every instance dispatched to run here, so the runner can see them to their ends too.</summary>
    public IReadOnlyCollection<string> Started => (IReadOnlyCollection<string>)_started.Keys;

    public ValueTask DispatchRunAsync(string instanceId, CancellationToken cancellationToken)
    {
        _started.TryAdd(instanceId, 0);
        _runs.Enqueue(new DispatchedWork(instanceId, null, null));
        return ValueTask.CompletedTask;
    }

    public ValueTask DispatchResumeAsync(string instanceId, string bookmarkId, JsonNode? payload, CancellationToken cancellationToken)
    {
        _resumptions.Enqueue(new DispatchedWork(instanceId, bookmarkId, payload));
        return ValueTask.CompletedTask;
    }

    public bool TryDequeue(out DispatchedWork work) => _resumptions.TryDequeue(out work!) || _runs.TryDequeue(out work!);
}
