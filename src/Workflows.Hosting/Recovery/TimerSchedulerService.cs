using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Workflows.Core.Persistence;
using Workflows.Core.Runtime;
using Workflows.Hosting.Runtime;

namespace Workflows.Hosting.Recovery;

/// <summary>
/// Resumes timer bookmarks (Delay, Timer, retry backoff) when they are due. The bookmarks table is the schedule, so
/// a restart picks up every stored timer, and on several nodes the resuming worker's lock makes a timer fire once.
/// </summary>
public sealed class TimerSchedulerService(
    IBookmarkStore bookmarks,
    IWorkflowDispatcher dispatcher,
    RecoveryMetrics metrics,
    WorkflowServerOptions options,
    TimeProvider time,
    ILogger<TimerSchedulerService> logger) : BackgroundService
{
    /// <summary>The longest sleep between look-ups: a timer bookmark committed meanwhile waits at most this long.</summary>
    public static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(500);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var recent = new RecentDispatches(options.LeaseDuration, time);
        while (!stoppingToken.IsCancellationRequested)
        {
            var wait = PollInterval;
            try
            {
                recent.Prune();
                var now = time.GetUtcNow();
                var due = await bookmarks.FindAsync(new BookmarkFilter { ResumeAtOrBefore = now }, stoppingToken);
                foreach (var bookmark in due.Where(b => recent.ShouldSend(b.Id)))
                {
                    logger.LogDebug("Timer {BookmarkId} of workflow instance {WorkflowInstanceId} is due ({ResumeAt})",
                        bookmark.Id, bookmark.WorkflowInstanceId, bookmark.ResumeAt);
                    await dispatcher.DispatchResumeAsync(bookmark.WorkflowInstanceId, bookmark.Id, null, stoppingToken);
                    metrics.TimerDispatched();
                }
                var next = await bookmarks.FindEarliestTimerAsync(null, stoppingToken);
                if (next?.ResumeAt is { } resumeAt && resumeAt > now && resumeAt - now < wait)
                    wait = resumeAt - now;
            }
            catch (Exception e) when (e is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning(e, "Timer scheduler look-up failed; trying again");
            }
            await Task.Delay(wait, time, stoppingToken);
        }
    }
}
