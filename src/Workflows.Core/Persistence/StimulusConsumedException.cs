namespace Workflows.Core.Persistence;

/// <summary>
/// A commit meant to consume a queued stimulus that is gone (another resumption consumed it first, or it expired);
/// nothing was written, so the stimulus takes effect exactly once.
/// </summary>
public sealed class StimulusConsumedException(string instanceId, IReadOnlyList<string> stimulusIds)
    : Exception($"Workflow instance '{instanceId}': stimulus {string.Join(", ", stimulusIds)} was already consumed; the commit was refused.")
{
    public string InstanceId { get; } = instanceId;
    public IReadOnlyList<string> StimulusIds { get; } = stimulusIds;
}
