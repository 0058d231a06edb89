namespace Workflows.Core.Persistence;

/// <summary>
/// The bookmark queue: stimuli waiting for a matching bookmark. Added here; removed by the instance commit that
/// consumes them (<see cref="WorkflowInstanceCommit.ConsumedStimulusIds"/>) or by expiry.
/// </summary>
public interface IStimulusStore
{
    Task AddAsync(StimulusRecord stimulus, CancellationToken cancellationToken);

    Task<StimulusRecord?> FindAsync(string id, CancellationToken cancellationToken);

    /// <summary>Unexpired stimuli at <paramref name="now"/>, oldest first, at most <paramref name="max"/>.</summary>
    Task<IReadOnlyList<StimulusRecord>> ListPendingAsync(DateTimeOffset now, int max, CancellationToken cancellationToken);

    /// <summary>Deletes stimuli that expired before <paramref name="now"/>; returns how many.</summary>
    Task<int> DeleteExpiredAsync(DateTimeOffset now, CancellationToken cancellationToken);
}
