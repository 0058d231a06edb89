using System.Text.Json.Nodes;
using Workflows.Core.Runtime;

namespace Workflows.Core.Activities;

/// <summary>
/// Base class of every activity type. A fresh object is created for each call; inputs (properties marked with
/// <see cref="InputAttribute"/>) are evaluated and assigned before <see cref="ExecuteAsync"/>. State that must
/// survive a suspension or a process restart goes in <see cref="ActivityContext.Properties"/>.
/// </summary>
public abstract class Activity
{
    /// <summary>
    /// Runs the activity. Call <see cref="ActivityContext.Complete"/> with outcomes, create a bookmark to suspend,
    /// or schedule children. Returning without any of these completes with <c>Done</c>.
    /// </summary>
    public abstract ValueTask ExecuteAsync(ActivityContext context);

    /// <summary>Called when a bookmark of this activity is resumed. By default completes with <c>Done</c>.</summary>
    public virtual ValueTask ResumeAsync(ActivityContext context, JsonNode? payload)
    {
        context.Complete();
        return ValueTask.CompletedTask;
    }

    /// <summary>Called when a child scheduled by this activity completes (composites: Flowchart, ForEach...).</summary>
    public virtual ValueTask OnChildCompletedAsync(ActivityContext context, ChildCompletion child) => ValueTask.CompletedTask;

    /// <summary>
    /// Whether the activity's retry policy (<c>customProperties.retryPolicy</c>) may run it again after
    /// <paramref name="exception"/>. Every exception may by default (as in Elsa); an activity family that knows which
    /// of its errors are permanent says so here, so a bad input faults at once instead of after every backoff.
    /// </summary>
    public virtual bool IsRetriable(Exception exception) => true;

    /// <summary>
    /// Called once when the activity has faulted for good (retries spent or not retriable), after its incident is
    /// recorded and before the flow follows its <see cref="FaultPort"/> or the instance faults: the place to note the
    /// fault in the activity's own domain (a run's result). It decides nothing; an exception here is logged.
    /// </summary>
    public virtual ValueTask OnFaultedAsync(ActivityContext context, Exception exception) => ValueTask.CompletedTask;
}
