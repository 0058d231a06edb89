using Workflows.Core.Persistence;

namespace Workflows.Core.Runtime;

/// <summary>
/// Runs one workflow to the end in this process (<c>recipeci run</c>, tests): starts it, runs dispatched child
/// workflows and resumptions, and when everything waits on timers, waits for the earliest one and resumes it.
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
        Report(await engine.RunAsync(instance.Id, cancellationToken));
        return await RunToEndAsync(instance.Id, cancellationToken);
    }

    /// <summary>Drives an existing instance (and the children it dispatches) until it finishes or waits on a non-timer bookmark.</summary>
    public async Task<WorkflowInstanceRecord> RunToEndAsync(string instanceId, CancellationToken cancellationToken)
    {
        while (true)
        {
            while (dispatcher.TryDequeue(out var work))
                Report(work.BookmarkId is null
                    ? await engine.RunAsync(work.InstanceId, cancellationToken)
                    : await engine.ResumeAsync(work.InstanceId, work.BookmarkId, work.Payload, cancellationToken));

            var instance = await instances.FindAsync(instanceId, cancellationToken)
                           ?? throw new KeyNotFoundException($"Workflow instance '{instanceId}' was not found.");
            if (instance.Status == WorkflowStatus.Finished)
                return instance;

            var timer = await bookmarks.FindEarliestTimerAsync(null, cancellationToken);
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

    private void Report(WorkflowInstanceRecord record) => Progress?.Invoke(record);
}
