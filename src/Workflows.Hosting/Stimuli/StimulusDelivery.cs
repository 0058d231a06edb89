using Workflows.Core.Persistence;
using Workflows.Hosting.Dispatch;

namespace Workflows.Hosting.Stimuli;

/// <summary>
/// Hands a stored stimulus to the oldest bookmark that matches it. The resumption removes the stimulus in its first
/// commit; if the bookmark is gone by then the stimulus stays queued for the next match, and if another resumption
/// consumed it first this one is refused, so a stimulus takes effect exactly once.
/// </summary>
public sealed class StimulusDelivery(IBookmarkStore bookmarks, BusWorkflowDispatcher dispatcher, ILogger<StimulusDelivery> logger)
{
    /// <summary>The instance the stimulus was dispatched to; null when no bookmark matches yet.</summary>
    public async Task<string?> TryDeliverAsync(StimulusRecord stimulus, CancellationToken cancellationToken)
    {
        var matches = await bookmarks.FindAsync(new BookmarkFilter
        {
            Name = stimulus.BookmarkName,
            Hash = stimulus.BookmarkHash,
            WorkflowInstanceId = stimulus.WorkflowInstanceId,
            CorrelationId = stimulus.CorrelationId,
        }, cancellationToken);
        if (matches.Count == 0)
            return null;
        var bookmark = matches[0];
        logger.LogDebug("Stimulus {StimulusId} resumes bookmark {BookmarkId} of workflow instance {WorkflowInstanceId}",
            stimulus.Id, bookmark.Id, bookmark.WorkflowInstanceId);
        await dispatcher.DispatchStimulusAsync(bookmark.WorkflowInstanceId, bookmark.Id, stimulus.Id, stimulus.InputJson, cancellationToken);
        return bookmark.WorkflowInstanceId;
    }
}
