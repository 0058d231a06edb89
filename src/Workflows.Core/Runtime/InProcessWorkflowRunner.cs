using Workflows.Core.Persistence;

namespace Workflows.Core.Runtime;

/// <summary>
/// Runs one workflow to the end in this process (<c>recipeci run</c>, tests): starts it, runs dispatched child
/// workflows and resumptions, and when everything waits on timers, waits for the earliest one and resumes it. The
/// workflows it dispatched without waiting are seen to their ends too (or to a bookmark only something outside can
/// resume): nothing else would ever resume them once this process is gone.
/// </summary>
public sealed class InProcessWorkflowRunner(
    WorkflowEngine engine,
    IWorkflowInstanceStore instances,
    IBookmarkStore bookmarks,
    InProcessWorkflowDispatcher dispatcher,
    IWorkflowClock clock)
{
    /// <summary>Raised after every run or resumption, for progress displays.</summary>
    public event Action<WorkflowInstanceRecord>? Progress;

    public async Task<WorkflowInstanceRecord> RunAsync(StoredWorkflowDefinition definition, WorkflowStartOptions options, CancellationToken cancellationToken)
    {
        var instance = await engine.CreateInstanceAsync(definition, options, cancellationToken);
        // Runs from the row it has just written: nobody else can have changed it, so it is not read back.
        Report(await engine.RunAsync(instance, new WorkflowRunControl(), cancellationToken));
        return await RunToEndAsync(instance.Id, cancellationToken);
    }

    /// <summary>Drives an existing instance (and the children it dispatches) until it finishes or waits on a non-timer bookmark.</summary>
    public async Task<WorkflowInstanceRecord> RunToEndAsync(string instanceId, CancellationToken cancellationToken)
    {
        // A finished instance stays finished: remembered, so each turn only asks the store about the others.
        var finished = new HashSet<string>(StringComparer.Ordinal);
        while (true)
        {
            while (dispatcher.TryDequeue(out var work))
                Report(work.BookmarkId is null
                    ? await engine.RunAsync(work.InstanceId, cancellationToken)
                    : await engine.ResumeAsync(work.InstanceId, work.BookmarkId, work.Payload, cancellationToken));

            var instance = await instances.FindAsync(instanceId, cancellationToken)
                           ?? throw new KeyNotFoundException($"Workflow instance '{instanceId}' was not found.");
            BookmarkRecord? timer;
            if (instance.Status == WorkflowStatus.Finished)
            {
                // Only what it dispatched keeps the run going now, and only their own timers.
                var unfinished = await UnfinishedDispatchedAsync(finished, cancellationToken);
                if (unfinished.Count == 0)
                    return instance;
                timer = await EarliestTimerAsync(unfinished, cancellationToken);
            }
            else
                timer = await bookmarks.FindEarliestTimerAsync(null, cancellationToken);
            if (timer?.ResumeAt is null)
                return instance;
            try
            {
                await clock.DelayUntilAsync(timer.ResumeAt.Value, cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return await engine.CancelAsync(instanceId, CancellationToken.None);
            }
            Report(await engine.ResumeAsync(timer.WorkflowInstanceId, timer.Id, null, cancellationToken));
        }
    }

    private async Task<List<string>> UnfinishedDispatchedAsync(HashSet<string> finished, CancellationToken cancellationToken)
    {
        var unfinished = new List<string>();
        foreach (var id in dispatcher.Started.Where(id => !finished.Contains(id)))
        {
            if (await instances.FindAsync(id, cancellationToken) is { Status: not WorkflowStatus.Finished })
                unfinished.Add(id);
            else
                finished.Add(id);
        }
        return unfinished;
    }

    private async Task<BookmarkRecord?> EarliestTimerAsync(IEnumerable<string> instanceIds, CancellationToken cancellationToken)
    {
        BookmarkRecord? earliest = null;
        foreach (var id in instanceIds)
            if (await bookmarks.FindEarliestTimerAsync(id, cancellationToken) is { ResumeAt: not null } timer && (earliest is null || timer.ResumeAt < earliest.ResumeAt))
                earliest = timer;
        return earliest;
    }

    private void Report(WorkflowInstanceRecord record) => Progress?.Invoke(record);
}
