using Microsoft.Extensions.Logging;
using Workflows.Persistence.Stores;

namespace Workflows.Persistence.Retention;

/// <summary>
/// One retention pass: deletes instances that finished (Finished, Cancelled or Faulted: all have Status Finished)
/// longer ago than the retention period, with their journal, execution records and bookmarks, in batches.
/// Running and suspended instances are never touched.
/// </summary>
public sealed class RetentionSweeper(
    EfWorkflowInstanceStore instanceStore,
    RetentionOptions options,
    TimeProvider timeProvider,
    ILogger<RetentionSweeper> logger)
{
    public async Task<int> SweepAsync(CancellationToken cancellationToken)
    {
        var cutoff = timeProvider.GetUtcNow() - options.RetainFinishedFor;
        var deleted = await instanceStore.DeleteFinishedBeforeAsync(cutoff, options.BatchSize, cancellationToken);
        if (deleted > 0)
        {
            logger.LogInformation("Retention deleted {Count} finished instance(s) that finished before {Cutoff:O}", deleted, cutoff);
        }
        return deleted;
    }
}
