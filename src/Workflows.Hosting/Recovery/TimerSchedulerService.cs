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
    ILogger<TimerSchedulerService> logger) : PollingService(time, logger)
{
    /// <summary>The longest sleep between look-ups: a timer bookmark committed meanwhile waits at most this long.</summary>
    public static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(500);

    private readonly RecentDispatches _recent = new(options.LeaseDuration, time);

    protected override string RoundName => "Timer scheduler look-up";

    protected override TimeSpan Interval => PollInterval;

    protected override bool RunsAtStart => true;

    /// <summary>Dispatches the due timers; the next round comes sooner when the earliest timer is due sooner.</summary>
    protected override async Task<TimeSpan?> RunRoundAsync(CancellationToken cancellationToken)
    {
        _recent.Prune();
        var now = Time.GetUtcNow();
        var due = await bookmarks.FindAsync(new BookmarkFilter { ResumeAtOrBefore = now }, cancellationToken);
        foreach (var bookmark in due.Where(b => _recent.ShouldSend(b.Id)))
        {
            Logger.LogDebug("Timer {BookmarkId} of workflow instance {WorkflowInstanceId} is due ({ResumeAt})",
                bookmark.Id, bookmark.WorkflowInstanceId, bookmark.ResumeAt);
            await dispatcher.DispatchResumeAsync(bookmark.WorkflowInstanceId, bookmark.Id, null, cancellationToken);
            metrics.TimerDispatched();
        }
        var next = await bookmarks.FindEarliestTimerAsync(null, cancellationToken);
        return next?.ResumeAt is { } resumeAt && resumeAt > now && resumeAt - now < PollInterval ? resumeAt - now : null;
    }
}
