using Workflows.Core.Persistence;
using Workflows.Core.Runtime;

namespace Workflows.Hosting.Stimuli;

/// <summary>
/// Resumes bookmarks by stimulus (HTTP resumes, signals) without losing one that arrives before its bookmark is
/// committed: the stimulus is stored first (the bookmark queue), then dispatched to a matching bookmark if there is
/// one; <see cref="StimulusRedeliveryService"/> re-signals it until a bookmark appears or it expires.
/// </summary>
public sealed class StimulusSender(IStimulusStore stimuli, StimulusDelivery delivery, TimeProvider time)
{
    /// <summary>How long a stimulus waits for its bookmark unless the request says otherwise.</summary>
    public static readonly TimeSpan DefaultTimeToLive = TimeSpan.FromHours(1);

    public async Task<StimulusReceipt> SendAsync(StimulusRequest request, CancellationToken cancellationToken)
    {
        var stimulus = await StoreAsync(request, cancellationToken);
        var instanceId = await delivery.TryDeliverAsync(stimulus, cancellationToken);
        return new StimulusReceipt(stimulus.Id, instanceId);
    }

    /// <summary>
    /// Stores the stimulus without dispatching it, for a caller that resumes the bookmark itself (an HTTP request that
    /// answers from the resumed workflow); if that resumption does not happen, redelivery still delivers it.
    /// </summary>
    public async Task<StimulusRecord> StoreAsync(StimulusRequest request, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var stimulus = new StimulusRecord
        {
            Id = Guid.NewGuid().ToString("N"),
            BookmarkName = request.BookmarkName,
            BookmarkHash = request.BookmarkHash ?? BookmarkHash.Compute(request.BookmarkName, request.BookmarkPayload),
            WorkflowInstanceId = request.WorkflowInstanceId,
            CorrelationId = request.CorrelationId,
            InputJson = request.Input?.ToJsonString(),
            CreatedAt = now,
            ExpiresAt = now + (request.TimeToLive ?? DefaultTimeToLive),
        };
        // Stored before anything is dispatched: a crash right after this call still delivers it.
        await stimuli.AddAsync(stimulus, cancellationToken);
        return stimulus;
    }
}
