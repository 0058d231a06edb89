using System.Text.Json.Nodes;
using Workflows.Core.Persistence;
using Workflows.Core.Runtime;
using Workflows.Hosting.Leases;
using Workflows.Hosting.Runtime;

namespace Workflows.Hosting.Recovery;

/// <summary>
/// Every third of a lease, re-dispatches Running instances that should be running but whose lease expired (their
/// node died or gave them up at shutdown), and pending instances whose first dispatch got lost (in-memory bus at a
/// crash). It also resumes parents whose child finished while the child's completion message was lost (a crash
/// between the child's final commit and the parent's resumption). One node sweeps at a time; the instance lock, and
/// for resumptions the burned bookmark, make any duplicate harmless.
/// </summary>
public sealed class RecoverySweepService(
    IWorkflowInstanceStore instances,
    IBookmarkStore bookmarks,
    IWorkflowLocks locks,
    IWorkflowDispatcher dispatcher,
    RecoveryMetrics metrics,
    WorkflowServerOptions options,
    TimeProvider time,
    ILogger<RecoverySweepService> logger) : PollingService(time, logger)
{
    private const int BatchSize = 200;

    private readonly WorkflowServerOptions _options = options;
    private readonly RecentDispatches _recent = new(options.LeaseDuration, time);

    protected override string RoundName => "Recovery sweep";

    protected override TimeSpan Interval => _options.SweepInterval;

    protected override bool RunsAtStart => true;

    protected override async Task<TimeSpan?> RunRoundAsync(CancellationToken cancellationToken)
    {
        await SweepAsync(_recent, cancellationToken);
        return null;
    }

    private async Task SweepAsync(RecentDispatches recent, CancellationToken cancellationToken)
    {
        await using var sweepLock = await locks.TryAcquireAsync(LockNames.RecoverySweep, TimeSpan.Zero, cancellationToken);
        if (sweepLock is null)
            return;
        recent.Prune();
        var now = Time.GetUtcNow();
        var page = await instances.ListAsync(new WorkflowInstanceFilter
        {
            LeaseExpiredBefore = now,
            SubStatuses = [WorkflowSubStatus.Pending, WorkflowSubStatus.Executing],
            OrderBy = WorkflowInstanceOrder.UpdatedAt,
            Descending = false,
        }, new PageArgs(0, BatchSize), cancellationToken);

        foreach (var instance in page.Items)
        {
            // Without a lease and recently touched, its dispatch message is most likely still on its way.
            if (instance.LeaseOwner is null && now - instance.UpdatedAt < _options.LeaseDuration)
                continue;
            if (!recent.ShouldSend(instance.Id))
                continue;
            if (instance.LeaseOwner is not null)
            {
                metrics.InstanceRecovered();
                Logger.LogWarning("Recovering workflow instance {WorkflowInstanceId}: the lease of {LeaseOwner} expired at {LeaseExpiresAt}",
                    instance.Id, instance.LeaseOwner, instance.LeaseExpiresAt);
            }
            else
            {
                Logger.LogInformation("Re-dispatching workflow instance {WorkflowInstanceId} ({SubStatus} since {UpdatedAt}, nobody runs it)",
                    instance.Id, instance.SubStatus, instance.UpdatedAt);
            }
            await dispatcher.DispatchRunAsync(instance.Id, cancellationToken);
        }

        await ResumeParentsOfFinishedChildrenAsync(recent, now, cancellationToken);
    }

    /// <summary>
    /// Parents still waiting on a child that is Finished: the child's commit happened, its resume message did not
    /// arrive. Children finished less than a sweep interval ago are left to the normal message.
    /// </summary>
    private async Task ResumeParentsOfFinishedChildrenAsync(RecentDispatches recent, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var waiting = (await bookmarks.FindAsync(new BookmarkFilter { Name = BookmarkNames.ChildWorkflow }, cancellationToken))
            .Select(b => (Bookmark: b, ChildId: ChildInstanceId(b)))
            .Where(w => w.ChildId is not null)
            .Take(BatchSize)
            .ToList();
        if (waiting.Count == 0)
            return;
        var childIds = waiting.Select(w => w.ChildId!).Distinct(StringComparer.Ordinal).ToList();
        var finished = (await instances.ListAsync(new WorkflowInstanceFilter
            {
                Ids = childIds,
                Statuses = [WorkflowStatus.Finished],
            }, new PageArgs(0, childIds.Count), cancellationToken)).Items
            .Where(c => c.FinishedAt is { } at && now - at >= _options.SweepInterval)
            .ToDictionary(c => c.Id, StringComparer.Ordinal);
        foreach (var (bookmark, childId) in waiting)
        {
            if (!finished.TryGetValue(childId!, out var child) || !recent.ShouldSend("child:" + bookmark.Id))
                continue;
            Logger.LogWarning("Workflow instance {WorkflowInstanceId} still waits on child {ChildInstanceId}, which finished at {FinishedAt}; resuming it",
                bookmark.WorkflowInstanceId, child.Id, child.FinishedAt);
            metrics.InstanceRecovered();
            // The same payload the engine sends when a child finishes (DispatchWorkflow reads subStatus and output).
            var payload = new JsonObject
            {
                ["childInstanceId"] = child.Id,
                ["subStatus"] = child.SubStatus.ToString(),
                ["output"] = JsonNode.Parse(child.OutputJson),
            };
            await dispatcher.DispatchResumeAsync(bookmark.WorkflowInstanceId, bookmark.Id, payload, cancellationToken);
        }
    }

    private static string? ChildInstanceId(BookmarkRecord bookmark) =>
        bookmark.PayloadJson is { } json && JsonNode.Parse(json) is JsonObject payload && payload["childInstanceId"] is JsonValue id
            ? id.GetValue<string>()
            : null;
}
