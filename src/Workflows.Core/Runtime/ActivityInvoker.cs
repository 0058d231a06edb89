using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Workflows.Core.Activities;
using Workflows.Core.Definitions;
using Workflows.Core.Expressions;

namespace Workflows.Core.Runtime;

/// <summary>
/// Executes one work item: binds inputs, calls the activity, then applies what it asked for (complete, suspend,
/// wait for children), notifies parents of completions, and turns exceptions into retries or incidents.
/// </summary>
internal sealed partial class ActivityInvoker(ActivityRegistry registry, WorkflowEngineServices services)
{
    private readonly Random _jitter = new();

    // A node whose model inlined a workflow body runs it, whatever its type name now resolves to in the registry.
    private readonly ActivityRegistration _workflowBody = new(
        ActivityDescriber.Describe(typeof(Activities.WorkflowDefinitions.WorkflowDefinitionActivity)),
        typeof(Activities.WorkflowDefinitions.WorkflowDefinitionActivity), [], _ => new Activities.WorkflowDefinitions.WorkflowDefinitionActivity());

    public async Task InvokeAsync(WorkflowExecution execution, WorkItem item, CancellationToken cancellationToken)
    {
        if (!execution.State.Activities.TryGetValue(item.ActivityInstanceId, out var instance))
            return; // cancelled after it was queued
        // A span and a duration per step (Diagnostics/WorkflowDiagnostics); the status is what the step left.
        var type = execution.Model.GetNode(instance.NodeId).Type;
        using var span = Diagnostics.WorkflowDiagnostics.StartActivity(type, instance.NodeId, execution.Record.Id);
        using var scope = BeginLogScope(execution, instance.NodeId, type);
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        try
        {
            await InvokeStepAsync(execution, item, instance, cancellationToken);
        }
        finally
        {
            Diagnostics.WorkflowDiagnostics.ActivityEnded(span, type, instance.Status.ToString(), System.Diagnostics.Stopwatch.GetElapsedTime(started));
        }
    }

    // The scope is a dictionary so log providers (Serilog's included) turn each entry into a property.
    private IDisposable? BeginLogScope(WorkflowExecution execution, string activityId, string activityType) =>
        services.Logger.IsEnabled(LogLevel.Critical)
            ? services.Logger.BeginScope(new Dictionary<string, object>
            {
                ["WorkflowInstanceId"] = execution.Record.Id,
                ["WorkflowDefinitionId"] = execution.Record.DefinitionId,
                ["ActivityId"] = activityId,
                ["ActivityType"] = activityType,
            })
            : null;

    private async Task InvokeStepAsync(WorkflowExecution execution, WorkItem item, ActivityInstanceState instance, CancellationToken cancellationToken)
    {
        var node = execution.Model.GetNode(instance.NodeId);
        var context = new ActivityContext(execution, instance, node, cancellationToken);
        Activity? activity = null;
        try
        {
            var registration = Find(execution, node);
            activity = registration.Factory(services.ServiceProvider);
            instance.Status = ActivityStatus.Running;
            if (item.Kind == WorkItemKind.Execute)
            {
                if (IsPoisoned(instance))
                {
                    await FaultAsync(execution, instance, node, new PoisonStepException(node, instance.UnfinishedAttempts), cancellationToken, (activity, context), allowRetry: false);
                    return;
                }
                instance.Attempt++;
                instance.StartedAt ??= services.Clock.UtcNow;
                execution.Log(instance, node, "Started", instance.Attempt > 1 ? $"Attempt {instance.Attempt}" : null);
                execution.RecordExecution(instance, node, "Running", null, null, completed: false);
                // Committed before the inputs are evaluated too: an expression that takes the process down counts.
                await CommitAttemptAsync(execution, item, instance, registration, cancellationToken);
                try
                {
                    var inputs = BindInputs(execution, instance, node, registration, activity, cancellationToken);
                    execution.RecordExecution(instance, node, "Running", null, null, completed: false, inputs);
                    await activity.ExecuteAsync(context);
                }
                finally
                {
                    instance.InFlight = false;
                }
            }
            else
            {
                RestoreInputs(execution, instance, node, registration, activity, cancellationToken);
                await activity.ResumeAsync(context, item.Payload);
            }
        }
        catch (Exception e) when (!(e is OperationCanceledException && cancellationToken.IsCancellationRequested))
        {
            await FaultAsync(execution, instance, node, e, cancellationToken, activity is null ? null : (activity, context));
            return;
        }
        await ApplyAsync(execution, instance, node, context, implicitDone: true, cancellationToken);
    }

    /// <summary>
    /// A step found in flight was started by a worker whose process went down before it finished; at
    /// <see cref="WorkflowEngineServices.MaxUnfinishedAttempts"/> such attempts it is not run again.
    /// </summary>
    private bool IsPoisoned(ActivityInstanceState instance)
    {
        if (!services.CommitBeforeExecute)
            return false;
        if (instance.InFlight)
        {
            instance.UnfinishedAttempts++;
            instance.InFlight = false;
        }
        return instance.UnfinishedAttempts >= services.MaxUnfinishedAttempts;
    }

    /// <summary>
    /// The commit before an attempt, so a crash inside it shows as a re-run ("Attempt 2") and counts towards poison;
    /// skipped for side-effect-free activities, whose re-run nobody can tell from a first run.
    /// </summary>
    private async Task CommitAttemptAsync(WorkflowExecution execution, WorkItem item, ActivityInstanceState instance, ActivityRegistration registration,
        CancellationToken cancellationToken)
    {
        if (!services.CommitBeforeExecute || registration.SideEffectFree)
            return;
        instance.InFlight = true;
        await execution.CommitInFlightAsync(item, cancellationToken);
    }

    /// <summary>
    /// Whether starting <paramref name="item"/> commits first (see <see cref="CommitAttemptAsync"/>), so that commit
    /// carries everything the steps before it left.
    /// </summary>
    public bool CommitsBeforeStarting(WorkflowExecution execution, WorkItem item) =>
        services.CommitBeforeExecute && item.Kind == WorkItemKind.Execute && TryFind(execution, item) is { SideEffectFree: false };

    private ActivityRegistration? TryFind(WorkflowExecution execution, WorkItem item) =>
        execution.State.Activities.TryGetValue(item.ActivityInstanceId, out var instance)
            ? TryFind(execution, execution.Model.GetNode(instance.NodeId))
            : null;

    private ActivityRegistration? TryFind(WorkflowExecution execution, ActivityNode node) =>
        (execution.Model.GetWorkflowActivityBody(node.NodeId) is null ? null : _workflowBody) ?? registry.Find(node.Type, node.Version);

    private ActivityRegistration Find(WorkflowExecution execution, ActivityNode node) =>
        TryFind(execution, node) ?? throw new InvalidOperationException($"Unknown activity type '{node.Type}' version {node.Version}.");

    /// <summary>
    /// A resumed activity is a fresh object: it gets the inputs its execution bound (kept in the persisted state), so
    /// it resumes with the same values on any node. State written before inputs were kept binds them afresh.
    /// </summary>
    private void RestoreInputs(WorkflowExecution execution, ActivityInstanceState instance, ActivityNode node, ActivityRegistration registration, Activity activity, CancellationToken cancellationToken)
    {
        if (instance.Inputs is not { } kept)
        {
            BindInputs(execution, instance, node, registration, activity, cancellationToken);
            return;
        }
        foreach (var property in registration.InputProperties)
            if (kept.TryGetPropertyValue(property.Name, out var value))
                SetInput(node, property, activity, value);
    }

    private JsonObject BindInputs(WorkflowExecution execution, ActivityInstanceState instance, ActivityNode node, ActivityRegistration registration, Activity activity, CancellationToken cancellationToken)
    {
        if (registration.InputProperties.Count == 0)
        {
            // Nothing to evaluate (most custom activities): no scope, no copies.
            instance.Inputs = [];
            return [];
        }
        var evaluated = new JsonObject();
        var scope = execution.Scope(instance);
        foreach (var property in registration.InputProperties)
        {
            var descriptor = registration.Descriptor.Inputs.First(i => i.Name == property.Name);
            var raw = node.GetProperty(property.Name);
            JsonNode? value;
            if (!descriptor.IsWrapped)
                value = raw?.DeepClone();
            else
            {
                var expression = Expression.FromInput(raw);
                value = expression is null ? descriptor.DefaultValue?.DeepClone() : execution.Evaluator.Evaluate(expression, scope, cancellationToken);
            }
            evaluated[property.Name] = value?.DeepClone();
            SetInput(node, property, activity, value);
        }
        // Kept as is, not copied: the caller only serialises it into the execution record.
        instance.Inputs = evaluated;
        return evaluated;
    }

    private static void SetInput(ActivityNode node, System.Reflection.PropertyInfo property, Activity activity, JsonNode? value)
    {
        try
        {
            property.SetValue(activity, ValueConverter.ToClr(value, property.PropertyType));
        }
        catch (Exception e) when (e is FormatException or System.Text.Json.JsonException or InvalidCastException or ArgumentException or OverflowException)
        {
            throw new ExpressionException($"Input '{property.Name}' of '{node.Id}' cannot be converted to {property.PropertyType.Name}: {e.Message}", e);
        }
    }

    /// <summary>Applies the result of a call into an activity and propagates completion up the parent chain.</summary>
    private async Task ApplyAsync(WorkflowExecution execution, ActivityInstanceState instance, ActivityNode node, ActivityContext context, bool implicitDone, CancellationToken cancellationToken)
    {
        if (context.FinishWorkflowRequested)
        {
            await CompleteAsync(execution, instance, node, context.Outcomes ?? [FlowPorts.Done], cancellationToken);
            execution.CancelAll();
            execution.State.RootCompleted = true;
            execution.FinalSubStatus = Persistence.WorkflowSubStatus.Finished;
            return;
        }
        if (context.CompositeOutcomes is { } compositeOutcomes && execution.BodyOwner(instance) is { } owner && owner != instance)
        {
            await CompleteCompositeAsync(execution, instance, node, owner, compositeOutcomes, cancellationToken);
            return;
        }
        if (context.CompositeOutcomes is not null)
        {
            // Outside any workflow body the composite is the workflow itself: it finishes.
            await CompleteAsync(execution, instance, node, context.Outcomes ?? [FlowPorts.Done], cancellationToken);
            execution.CancelAll();
            execution.State.RootCompleted = true;
            execution.FinalSubStatus = Persistence.WorkflowSubStatus.Finished;
            return;
        }
        if (context.Outcomes is { } outcomes)
        {
            if (context.ReportedFault is { } fault)
                RecordReportedFault(execution, instance, node, fault.Message, fault.Detail);
            await CompleteAsync(execution, instance, node, outcomes, cancellationToken, context.ReportedFault?.Detail ?? context.ReportedFault?.Message);
            return;
        }
        if (context.Bookmarks.Count > 0)
        {
            foreach (var request in context.Bookmarks)
                execution.AddBookmark(instance, node, request);
            instance.Status = ActivityStatus.Suspended;
            execution.Log(instance, node, "Suspended", string.Join(", ", context.Bookmarks.Select(b => b.Name)));
            execution.RecordExecution(instance, node, "Suspended", null, null, completed: false);
            return;
        }
        if (execution.HasChildren(instance.Id))
            return;
        if (instance.BookmarkIds.Count > 0)
        {
            // Resumed at one of several bookmarks it still holds (BulkDispatchWorkflows waiting for each child): it waits on.
            instance.Status = ActivityStatus.Suspended;
            return;
        }
        if (implicitDone)
            await CompleteAsync(execution, instance, node, [FlowPorts.Done], cancellationToken);
    }

    /// <summary>A fault the activity handled itself: an incident and a Faulted execution record, but its outcomes go on.</summary>
    private void RecordReportedFault(WorkflowExecution execution, ActivityInstanceState instance, ActivityNode node, string message, string? detail)
    {
        execution.Incidents.Add(new ActivityIncident(node.Id, node.NodeId, node.Type, message, detail, services.Clock.UtcNow));
        execution.State.FaultReported = true;
        execution.Log(instance, node, "Faulted", message);
    }

    private async Task CompleteAsync(WorkflowExecution execution, ActivityInstanceState instance, ActivityNode node, IReadOnlyList<string> outcomes, CancellationToken cancellationToken,
        string? reportedFault = null)
    {
        foreach (var child in execution.ChildrenOf(instance.Id))
            execution.Cancel(child);
        foreach (var bookmarkId in instance.BookmarkIds.ToList())
            execution.RemoveBookmark(instance, bookmarkId);
        instance.Status = ActivityStatus.Completed;
        execution.State.Activities.Remove(instance.Id);
        execution.Log(instance, node, "Completed", string.Join(",", outcomes));
        execution.RecordExecution(instance, node, reportedFault is null ? "Completed" : "Faulted", outcomes, reportedFault, completed: true);

        if (instance.ParentId is null)
        {
            execution.State.RootCompleted = true;
            return;
        }
        if (!execution.State.Activities.TryGetValue(instance.ParentId, out var parent))
            return;
        var parentNode = execution.Model.GetNode(parent.NodeId);
        var parentContext = new ActivityContext(execution, parent, parentNode, cancellationToken);
        try
        {
            var parentActivity = Find(execution, parentNode).Factory(services.ServiceProvider);
            await parentActivity.OnChildCompletedAsync(parentContext, new ChildCompletion(instance.Id, node, outcomes));
        }
        catch (Exception e) when (!(e is OperationCanceledException && cancellationToken.IsCancellationRequested))
        {
            await FaultAsync(execution, parent, parentNode, e, cancellationToken);
            return;
        }
        await ApplyAsync(execution, parent, parentNode, parentContext, implicitDone: false, cancellationToken);
    }

    /// <summary>
    /// Retry with backoff while the policy allows and the activity calls the error retriable; then an incident, and
    /// either the activity's connected <see cref="FaultPort"/> or the incident strategy decides what follows.
    /// </summary>
    private async Task FaultAsync(WorkflowExecution execution, ActivityInstanceState instance, ActivityNode node, Exception exception, CancellationToken cancellationToken,
        (Activity Activity, ActivityContext Context)? faulted = null, bool allowRetry = true)
    {
        var message = exception.Message;
        if (allowRetry && RetryPolicy.From(node) is { } policy && instance.Attempt < policy.MaxAttempts && faulted?.Activity.IsRetriable(exception) != false)
        {
            var resumeAt = services.Clock.UtcNow + policy.DelayAfter(instance.Attempt, _jitter);
            execution.AddBookmark(instance, node, new BookmarkRequest(BookmarkNames.Retry, new JsonObject { ["attempt"] = instance.Attempt + 1 }, resumeAt));
            instance.Status = ActivityStatus.Suspended;
            execution.Log(instance, node, "Retrying", $"Attempt {instance.Attempt} failed: {message}; next at {resumeAt:O}");
            execution.RecordExecution(instance, node, "Suspended", null, exception.ToString(), completed: false);
            return;
        }

        execution.Incidents.Add(new ActivityIncident(node.Id, node.NodeId, node.Type, message, exception.ToString(), services.Clock.UtcNow));
        execution.Log(instance, node, "Faulted", message);
        if (faulted is { } f)
        {
            await NotifyFaultedAsync(f.Activity, f.Context, exception);
            if (HasConnectedFaultPort(execution, node))
            {
                // The flow handles the fault (teardown): the incident stays, so the instance still ends Faulted.
                execution.State.FaultReported = true;
                execution.SetActivityOutput(instance, node, FaultPort.MessageOutput, JsonValue.Create(message));
                await CompleteAsync(execution, instance, node, [FaultPort.Name], cancellationToken, exception.ToString());
                return;
            }
        }
        instance.Status = ActivityStatus.Faulted;
        execution.RecordExecution(instance, node, "Faulted", null, exception.ToString(), completed: true);

        if (IncidentStrategy(execution, node) == "Continue")
        {
            // The faulted branch stops: the parent sees a completion without outcomes (a dead path).
            await CompleteWithoutRecordAsync(execution, instance, node, cancellationToken);
            return;
        }
        execution.FinalSubStatus = Persistence.WorkflowSubStatus.Faulted;
    }

    private async Task NotifyFaultedAsync(Activity activity, ActivityContext context, Exception exception)
    {
        try
        {
            await activity.OnFaultedAsync(context, exception);
        }
        catch (Exception e) when (!(e is OperationCanceledException && context.CancellationToken.IsCancellationRequested))
        {
            // Noting the fault must not hide it: the incident is already recorded.
            services.Logger.LogError(e, "{ActivityType} {ActivityId} could not note its fault", context.Node.Type, context.Node.Id);
        }
    }

    /// <summary>The activity type declares the fault port and its flowchart connects it.</summary>
    private bool HasConnectedFaultPort(WorkflowExecution execution, ActivityNode node) =>
        node.ParentNodeId is { } parent
        && execution.Model.FindFlowchart(parent) is { } graph
        && registry.Find(node.Type, node.Version)?.Descriptor.Ports.Any(p => p.Name == FaultPort.Name && p.Type == Descriptors.PortType.Flow) == true
        && graph.Outbound(node.Id).Any(c => c.SourcePort == FaultPort.Name);

    private async Task CompleteWithoutRecordAsync(WorkflowExecution execution, ActivityInstanceState instance, ActivityNode node, CancellationToken cancellationToken)
    {
        if (instance.ParentId is null || !execution.State.Activities.TryGetValue(instance.ParentId, out var parent))
        {
            execution.State.Activities.Remove(instance.Id);
            return;
        }
        foreach (var child in execution.ChildrenOf(instance.Id))
            execution.Cancel(child);
        execution.State.Activities.Remove(instance.Id);
        var parentNode = execution.Model.GetNode(parent.NodeId);
        var parentContext = new ActivityContext(execution, parent, parentNode, cancellationToken);
        await Find(execution, parentNode).Factory(services.ServiceProvider).OnChildCompletedAsync(parentContext, new ChildCompletion(instance.Id, node, []));
        await ApplyAsync(execution, parent, parentNode, parentContext, implicitDone: false, cancellationToken);
    }

    /// <summary>Per activity (<c>customProperties.incidentStrategy</c>), else the workflow's options; Fault by default.</summary>
    private static string IncidentStrategy(WorkflowExecution execution, ActivityNode node)
    {
        var configured = ActivityJson.GetString(node.CustomProperties, "incidentStrategy") ?? execution.Model.Document.IncidentStrategyType;
        return configured?.Contains("Continue", StringComparison.OrdinalIgnoreCase) == true ? "Continue" : "Fault";
    }
}
