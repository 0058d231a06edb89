using System.Collections.Concurrent;
using System.Text.Json.Nodes;

namespace Workflows.Core.Runtime;

/// <summary>A queue of dispatched work that <see cref="InProcessWorkflowRunner"/> drains in the same process.</summary>
public sealed class InProcessWorkflowDispatcher : IWorkflowDispatcher
{
    private readonly ConcurrentQueue<DispatchedWork> _queue = new();

    public ValueTask DispatchRunAsync(string instanceId, CancellationToken cancellationToken)
    {
        _queue.Enqueue(new DispatchedWork(instanceId, null, null));
        return ValueTask.CompletedTask;
    }

    public ValueTask DispatchResumeAsync(string instanceId, string bookmarkId, JsonNode? payload, CancellationToken cancellationToken)
    {
        _queue.Enqueue(new DispatchedWork(instanceId, bookmarkId, payload));
        return ValueTask.CompletedTask;
    }

    public bool TryDequeue(out DispatchedWork work) => _queue.TryDequeue(out work!);
}
