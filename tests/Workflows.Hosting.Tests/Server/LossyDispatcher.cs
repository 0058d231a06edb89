using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Workflows.Core.Runtime;

namespace Workflows.Hosting.Tests.Server;

/// <summary>
/// The server's dispatcher, recording what it sends; <see cref="LoseNextResume"/> makes it drop resumptions the way a
/// crash loses in-memory bus messages (the sender's commit happened, the message never arrives).
/// </summary>
public sealed class LossyDispatcher(IWorkflowDispatcher inner) : IWorkflowDispatcher
{
    private Func<JsonNode?, bool>? _loseResume;

    public ConcurrentQueue<string> Runs { get; } = new();
    public ConcurrentQueue<(string InstanceId, string BookmarkId)> Resumes { get; } = new();
    public ConcurrentQueue<(string InstanceId, string BookmarkId)> Lost { get; } = new();

    /// <summary>The next resumption whose payload matches <paramref name="match"/> is lost.</summary>
    public void LoseNextResume(Func<JsonNode?, bool> match) => Interlocked.Exchange(ref _loseResume, match);

    public ValueTask DispatchRunAsync(string instanceId, CancellationToken cancellationToken)
    {
        Runs.Enqueue(instanceId);
        return inner.DispatchRunAsync(instanceId, cancellationToken);
    }

    public ValueTask DispatchResumeAsync(string instanceId, string bookmarkId, JsonNode? payload, CancellationToken cancellationToken)
    {
        var lose = _loseResume;
        if (lose is not null && lose(payload) && Interlocked.CompareExchange(ref _loseResume, null, lose) == lose)
        {
            Lost.Enqueue((instanceId, bookmarkId));
            return ValueTask.CompletedTask;
        }
        Resumes.Enqueue((instanceId, bookmarkId));
        return inner.DispatchResumeAsync(instanceId, bookmarkId, payload, cancellationToken);
    }
}
