using System.Text.Json.Nodes;

namespace Workflows.Core.Runtime;

/// <summary>
/// Hands work to whoever runs instances: the in-process runner's queue, or (in the server) the message bus.
/// The engine calls it only after the step that caused the work is committed.
/// </summary>
public interface IWorkflowDispatcher
{
    /// <summary>Runs a committed, pending instance (e.g. a child started by DispatchWorkflow).</summary>
    ValueTask DispatchRunAsync(string instanceId, CancellationToken cancellationToken);

    /// <summary>Resumes an instance at one of its bookmarks.</summary>
    ValueTask DispatchResumeAsync(string instanceId, string bookmarkId, JsonNode? payload, CancellationToken cancellationToken);
}
