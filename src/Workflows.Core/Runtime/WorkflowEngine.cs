using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using Workflows.Core.Activities;
using Workflows.Core.Activities.WorkflowDefinitions;
using Workflows.Core.Definitions;
using Workflows.Core.Expressions;
using Workflows.Core.Persistence;

namespace Workflows.Core.Runtime;

/// <summary>
/// Runs workflow instances. Every instance is committed before it first runs and after every step (one work
/// item and the completions it causes), so a crashed run continues from its last step in any process: activities
/// run at least once. Instances suspend on bookmarks and are resumed with <see cref="ResumeAsync"/>.
/// </summary>
public sealed class WorkflowEngine
{
    private readonly ActivityRegistry _registry;
    private readonly IWorkflowDefinitionStore _definitions;
    private readonly IWorkflowInstanceStore _instances;
    private readonly IBookmarkStore _bookmarks;
    private readonly WorkflowEngineServices _services;
    private readonly ConcurrentDictionary<string, CompiledVersion> _models = new(StringComparer.Ordinal);
    private readonly ActivityInvoker _invoker;
    private readonly WorkflowActivityTypeRefresh _activityTypes;

    public WorkflowEngine(
        ActivityRegistry registry,
        IWorkflowDefinitionStore definitions,
        IWorkflowInstanceStore instances,
        IBookmarkStore bookmarks,
        WorkflowEngineServices services)
    {
        _registry = registry;
        _definitions = definitions;
        _instances = instances;
        _bookmarks = bookmarks;
        _services = services;
        Evaluator = new ExpressionEvaluator(new JavaScriptEvaluator(services.JavaScript), services.Liquid, services.CSharp);
        _invoker = new ActivityInvoker(registry, services);
        _activityTypes = new WorkflowActivityTypeRefresh(registry, definitions, () => services.Clock.UtcNow);
    }

    internal ExpressionEvaluator Evaluator { get; }

    /// <summary>Where PublishEvent finds the bookmarks it resumes.</summary>
    internal IBookmarkStore Bookmarks => _bookmarks;

    /// <summary>Creates an instance of the published (else latest) version of a definition and commits it as Pending.</summary>
    public async Task<WorkflowInstanceRecord> CreateInstanceAsync(string definitionId, WorkflowStartOptions options, CancellationToken cancellationToken)
    {
        var versions = new WorkflowDefinitionFilter { DefinitionId = definitionId };
        var definition = await _definitions.FindNewestAsync(versions with { IsPublished = true }, cancellationToken)
                         ?? await _definitions.FindNewestAsync(versions with { IsLatest = true }, cancellationToken)
                         ?? throw new KeyNotFoundException($"Workflow definition '{definitionId}' was not found.");
        return await CreateInstanceAsync(definition, options, cancellationToken);
    }

    /// <summary>Creates an instance of one stored version, named by its id (a trigger record names the version it indexed).</summary>
    public async Task<WorkflowInstanceRecord> CreateInstanceOfVersionAsync(string definitionVersionId, WorkflowStartOptions options, CancellationToken cancellationToken)
    {
        var definition = await _definitions.FindByIdAsync(definitionVersionId, cancellationToken)
                         ?? throw new KeyNotFoundException($"Workflow definition version '{definitionVersionId}' was not found.");
        return await CreateInstanceAsync(definition, options, cancellationToken);
    }

    /// <summary>Creates an instance pinned to this definition version and commits it as Pending before anything runs.</summary>
    public async Task<WorkflowInstanceRecord> CreateInstanceAsync(StoredWorkflowDefinition definition, WorkflowStartOptions options, CancellationToken cancellationToken)
    {
        var record = NewRecord(definition, await GetModelAsync(definition, cancellationToken), options);
        // Create-only: a second start with the same id (a trigger firing twice, a retried request) never overwrites it.
        await _instances.CommitAsync(new WorkflowInstanceCommit { Instance = record, CreateOnly = true }, cancellationToken);
        return record;
    }

    /// <summary>
    /// Creates an instance and runs it at once, for a host that holds it from the start (<paramref name="options"/>
    /// carries its lease). Nothing is written before the run's first commit, which creates the row (create-only, so a
    /// taken id fails it) with everything done by then: a run that only computes up to its end or its first bookmark
    /// costs one commit instead of two. An activity with side effects still has its attempt committed before it starts
    /// (CommitBeforeExecute), and that commit is then the one that creates the row; a crash before the first commit
    /// leaves nothing behind, and the caller, who got no answer, starts again.
    /// </summary>
    public async Task<WorkflowInstanceRecord> StartAsync(StoredWorkflowDefinition definition, WorkflowStartOptions options, WorkflowRunControl control,
        CancellationToken cancellationToken)
    {
        var model = await GetModelAsync(definition, cancellationToken);
        var record = NewRecord(definition, model, options);
        using var span = Diagnostics.WorkflowDiagnostics.StartRun(record.Id, "run");
        var execution = Execution(record, model, control);
        execution.Unwritten = true;
        execution.Log(null, null, "WorkflowStarted", record.Name);
        var result = await RunLoopAsync(execution, cancellationToken, control.StopAfterStep);
        Diagnostics.WorkflowDiagnostics.RunEnded(span, result, wasFinished: false);
        return result;
    }

    /// <summary>A new Running/Pending instance of the version, not yet written.</summary>
    private WorkflowInstanceRecord NewRecord(StoredWorkflowDefinition definition, WorkflowModel model, WorkflowStartOptions options)
    {
        var now = _services.Clock.UtcNow;
        var variables = new JsonObject();
        foreach (var variable in model.Variables)
            variables[variable.Name] = ValueConverter.ToVariableType(variable.Value?.DeepClone(), variable.TypeName);

        var state = new ExecutionState();
        var root = new ActivityInstanceState { Id = Guid.NewGuid().ToString("N"), NodeId = model.Root.NodeId };
        if (options.TriggerActivityId is not null)
            root.Properties["startActivityId"] = options.TriggerActivityId;
        state.Activities[root.Id] = root;
        state.Queue.Add(new WorkItem(root.Id, WorkItemKind.Execute));
        state.RootInstanceId = root.Id;

        return new WorkflowInstanceRecord
        {
            Id = options.InstanceId ?? Guid.NewGuid().ToString("N"),
            DefinitionId = definition.DefinitionId,
            DefinitionVersionId = definition.Id,
            Version = definition.Version,
            Name = definition.Name,
            Status = WorkflowStatus.Running,
            SubStatus = WorkflowSubStatus.Pending,
            CorrelationId = options.CorrelationId,
            ParentInstanceId = options.ParentInstanceId,
            InputJson = options.Input.ToJsonString(),
            VariablesJson = variables.ToJsonString(),
            ExecutionStateJson = JsonSerializer.Serialize(state, WorkflowJson.Options),
            CreatedAt = now,
            UpdatedAt = now,
            LeaseOwner = options.LeaseOwner,
            LeaseExpiresAt = options.LeaseOwner is null ? null : options.LeaseExpiresAt,
        };
    }

    /// <summary>Runs the scheduled work of an instance until it finishes, suspends or is cancelled.</summary>
    public Task<WorkflowInstanceRecord> RunAsync(string instanceId, CancellationToken cancellationToken) =>
        RunAsync(instanceId, cancellationToken, CancellationToken.None);

    /// <summary>
    /// Like <see cref="RunAsync(string, CancellationToken)"/>; when <paramref name="stopAfterStep"/> is signalled the run
    /// returns after the current step is committed, leaving the instance Running/Executing for another worker
    /// (a server shutting down), whereas cancelling <paramref name="cancellationToken"/> cancels the workflow.
    /// </summary>
    public Task<WorkflowInstanceRecord> RunAsync(string instanceId, CancellationToken cancellationToken, CancellationToken stopAfterStep) =>
        RunAsync(instanceId, new WorkflowRunControl { StopAfterStep = stopAfterStep }, cancellationToken);

    /// <summary>Like <see cref="RunAsync(string, CancellationToken, CancellationToken)"/>, under a host's run control (lease fencing).</summary>
    public async Task<WorkflowInstanceRecord> RunAsync(string instanceId, WorkflowRunControl control, CancellationToken cancellationToken) =>
        await RunAsync(await FindRecordAsync(instanceId, cancellationToken), control, cancellationToken);

    /// <summary>
    /// Like <see cref="RunAsync(string, WorkflowRunControl, CancellationToken)"/> from a row the host has just read and
    /// knows to be current (it holds the instance and nobody could commit since), so it is not read again.
    /// </summary>
    public async Task<WorkflowInstanceRecord> RunAsync(WorkflowInstanceRecord record, WorkflowRunControl control, CancellationToken cancellationToken)
    {
        var instanceId = record.Id;
        using var span = Diagnostics.WorkflowDiagnostics.StartRun(instanceId, "run");
        var execution = await LoadAsync(record, control, cancellationToken);
        if (execution.Record.Status == WorkflowStatus.Finished)
            return execution.Record;
        if (execution.Record.SubStatus == WorkflowSubStatus.Pending)
            execution.Log(null, null, "WorkflowStarted", execution.Record.Name);
        var result = await RunLoopAsync(execution, cancellationToken, control.StopAfterStep);
        Diagnostics.WorkflowDiagnostics.RunEnded(span, result, wasFinished: false);
        return result;
    }

    /// <summary>Resumes an instance at a bookmark (auto-burned) with an optional payload, then runs it.</summary>
    public Task<WorkflowInstanceRecord> ResumeAsync(string instanceId, string bookmarkId, JsonNode? payload, CancellationToken cancellationToken) =>
        ResumeAsync(instanceId, bookmarkId, payload, cancellationToken, CancellationToken.None);

    /// <summary>Like <see cref="ResumeAsync(string, string, JsonNode?, CancellationToken)"/>, with a stop-after-step signal (see RunAsync).</summary>
    public Task<WorkflowInstanceRecord> ResumeAsync(string instanceId, string bookmarkId, JsonNode? payload, CancellationToken cancellationToken, CancellationToken stopAfterStep) =>
        ResumeAsync(instanceId, bookmarkId, payload, new WorkflowRunControl { StopAfterStep = stopAfterStep }, cancellationToken);

    /// <summary>
    /// Like <see cref="ResumeAsync(string, string, JsonNode?, CancellationToken)"/>, under a host's run control (lease
    /// fencing, the queued stimulus the resumption consumes).
    /// </summary>
    public async Task<WorkflowInstanceRecord> ResumeAsync(string instanceId, string bookmarkId, JsonNode? payload, WorkflowRunControl control, CancellationToken cancellationToken) =>
        await ResumeAsync(await FindRecordAsync(instanceId, cancellationToken), bookmarkId, payload, control, cancellationToken);

    /// <summary>
    /// Like <see cref="ResumeAsync(string, string, JsonNode?, WorkflowRunControl, CancellationToken)"/> from a row the
    /// host has just read and knows to be current, so it is not read again.
    /// </summary>
    public async Task<WorkflowInstanceRecord> ResumeAsync(WorkflowInstanceRecord record, string bookmarkId, JsonNode? payload, WorkflowRunControl control, CancellationToken cancellationToken)
    {
        var instanceId = record.Id;
        var stopAfterStep = control.StopAfterStep;
        using var span = Diagnostics.WorkflowDiagnostics.StartRun(instanceId, "resume");
        var execution = await LoadAsync(record, control, cancellationToken);
        if (execution.Record.Status == WorkflowStatus.Finished)
            return execution.Record;
        if (control.StimulusId is { } stimulusId)
            execution.ConsumeStimulus(stimulusId);
        var owner = execution.State.Activities.Values.FirstOrDefault(a => a.BookmarkIds.Contains(bookmarkId))
                    ?? throw new KeyNotFoundException($"Instance '{instanceId}' has no bookmark '{bookmarkId}'.");
        var bookmark = await _bookmarks.FindByIdAsync(bookmarkId, cancellationToken);
        execution.RemoveBookmark(owner, bookmarkId);
        var kind = bookmark?.Name == BookmarkNames.Retry ? WorkItemKind.Execute : WorkItemKind.Resume;
        execution.State.Queue.Add(new WorkItem(owner.Id, kind, bookmarkId, payload?.DeepClone()));
        execution.Log(owner, execution.Model.GetNode(owner.NodeId), "Resumed", bookmark?.Name);
        var result = await RunLoopAsync(execution, cancellationToken, stopAfterStep);
        Diagnostics.WorkflowDiagnostics.RunEnded(span, result, wasFinished: false);
        return result;
    }

    /// <summary>Cancels a running or suspended instance: Finished/Cancelled, bookmarks removed.</summary>
    public Task<WorkflowInstanceRecord> CancelAsync(string instanceId, CancellationToken cancellationToken) =>
        CancelAsync(instanceId, new WorkflowRunControl(), cancellationToken);

    /// <summary>Like <see cref="CancelAsync(string, CancellationToken)"/>, its commit fenced on the host's lease.</summary>
    public async Task<WorkflowInstanceRecord> CancelAsync(string instanceId, WorkflowRunControl control, CancellationToken cancellationToken)
    {
        var execution = await LoadAsync(instanceId, control, cancellationToken);
        if (execution.Record.Status == WorkflowStatus.Finished)
            return execution.Record;
        execution.CancelAll();
        execution.FinalSubStatus = WorkflowSubStatus.Cancelled;
        return await FinishAsync(execution);
    }

    /// <summary>
    /// Re-schedules a Faulted instance from the activity of its last incident (Elsa's retry alteration): the root
    /// flowchart starts again at that activity with the variables as they are, and the instance is committed
    /// Running/Executing, ready to run. Only activities of the root flowchart can be retried this way.
    /// </summary>
    public Task<WorkflowInstanceRecord> ScheduleRetryAsync(string instanceId, CancellationToken cancellationToken) =>
        ScheduleRetryAsync(instanceId, new WorkflowRunControl(), cancellationToken);

    /// <summary>Like <see cref="ScheduleRetryAsync(string, CancellationToken)"/>, its commit fenced on the host's lease.</summary>
    public async Task<WorkflowInstanceRecord> ScheduleRetryAsync(string instanceId, WorkflowRunControl control, CancellationToken cancellationToken)
    {
        var execution = await LoadAsync(instanceId, control, cancellationToken);
        if (execution.Record.SubStatus != WorkflowSubStatus.Faulted)
            throw new InvalidOperationException($"Instance '{instanceId}' is {execution.Record.SubStatus}; only Faulted instances can be retried.");
        var incident = execution.Incidents.LastOrDefault()
                       ?? throw new InvalidOperationException($"Instance '{instanceId}' has no incident to retry.");
        var root = new ActivityInstanceState { Id = Guid.NewGuid().ToString("N"), NodeId = execution.Model.Root.NodeId };
        root.Properties["startActivityId"] = incident.ActivityId;
        execution.State.Activities[root.Id] = root;
        execution.State.Queue.Add(new WorkItem(root.Id, WorkItemKind.Execute));
        execution.State.RootInstanceId = root.Id;
        execution.State.RootCompleted = false;
        execution.Incidents.Clear();
        execution.State.FaultReported = false;
        execution.Log(null, null, "WorkflowRetrying", incident.ActivityId);
        // Executing, not Pending: the instance started long ago and must not journal a second WorkflowStarted.
        await execution.CommitAsync(WorkflowStatus.Running, WorkflowSubStatus.Executing, _instances, cancellationToken);
        return execution.Record;
    }

    /// <summary>
    /// The compiled model of a definition version, cached per version id for the document it was compiled from: a draft
    /// saved again keeps its version id (Elsa's rule), so a cached model is reused only while the document is the same.
    /// </summary>
    public WorkflowModel GetModel(StoredWorkflowDefinition definition) =>
        Cached(definition) ?? Compile(definition, WorkflowDefinitionDocument.Parse(definition.Json));

    /// <summary><see cref="GetModel"/>, after reading the stored workflow activity types again if it names one not known.</summary>
    private async Task<WorkflowModel> GetModelAsync(StoredWorkflowDefinition definition, CancellationToken cancellationToken)
    {
        if (Cached(definition) is { } model)
            return model;
        var document = WorkflowDefinitionDocument.Parse(definition.Json);
        await _activityTypes.LearnTypesOfAsync(document, cancellationToken);
        return Compile(definition, document);
    }

    private WorkflowModel? Cached(StoredWorkflowDefinition definition) =>
        _models.TryGetValue(definition.Id, out var cached) && string.Equals(cached.Json, definition.Json, StringComparison.Ordinal)
            ? cached.Model
            : null;

    private WorkflowModel Compile(StoredWorkflowDefinition definition, WorkflowDefinitionDocument document)
    {
        var model = WorkflowModel.Compile(document, _registry.ResolveWorkflowActivity);
        // A model naming a type not known yet would stay wrong once the type is published: compiled again next time.
        if (_activityTypes.UnknownTypes(document).Count == 0)
            _models[definition.Id] = new CompiledVersion(definition.Json, model);
        return model;
    }

    private async Task<WorkflowExecution> LoadAsync(string instanceId, WorkflowRunControl control, CancellationToken cancellationToken) =>
        await LoadAsync(await FindRecordAsync(instanceId, cancellationToken), control, cancellationToken);


    private async Task<WorkflowInstanceRecord> FindRecordAsync(string instanceId, CancellationToken cancellationToken) =>
        await _instances.FindAsync(instanceId, cancellationToken)
        ?? throw new KeyNotFoundException($"Workflow instance '{instanceId}' was not found.");

    private async Task<WorkflowExecution> LoadAsync(WorkflowInstanceRecord record, WorkflowRunControl control, CancellationToken cancellationToken)
    {
        // The model of a version is compiled once and cached (GetModel); a cached one saves the definition's round trip.
        var model = _models.TryGetValue(record.DefinitionVersionId, out var cached) ? cached.Model : null;
        if (model is null)
        {
            var definition = await _definitions.FindByIdAsync(record.DefinitionVersionId, cancellationToken)
                             ?? throw new KeyNotFoundException($"Definition version '{record.DefinitionVersionId}' of instance '{record.Id}' was not found.");
            model = await GetModelAsync(definition, cancellationToken);
        }
        return Execution(record, model, control);
    }

    /// <summary>An execution of <paramref name="record"/> under the host's run control (its lease, and whether finishing ends it).</summary>
    private WorkflowExecution Execution(WorkflowInstanceRecord record, WorkflowModel model, WorkflowRunControl control) =>
        new(this, record, model, _services) { LeaseOwner = control.LeaseOwner, EndsLeaseWhenFinished = control.EndsLeaseWhenFinished };

    internal IWorkflowInstanceStore Instances => _instances;

    private async Task<WorkflowInstanceRecord> RunLoopAsync(WorkflowExecution execution, CancellationToken cancellationToken, CancellationToken stopAfterStep)
    {
        try
        {
            while (execution.State.Queue.Count > 0 && execution.FinalSubStatus is null)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var item = execution.State.Queue[0];
                execution.State.Queue.RemoveAt(0);
                await _invoker.InvokeAsync(execution, item, cancellationToken);
                if (execution.FinalSubStatus is null && execution.State.Queue.Count > 0)
                {
                    // Every completion is committed before the next activity runs. An item that completed nothing (a
                    // container scheduling its children) needs no commit of its own, and when the next item commits
                    // before it starts (CommitsBeforeStarting), that one commit carries both. A stop commits first.
                    if (!stopAfterStep.IsCancellationRequested
                        && (!execution.HasUncommittedCompletion || _invoker.CommitsBeforeStarting(execution, execution.State.Queue[0])))
                        continue;
                    await execution.CommitAsync(WorkflowStatus.Running, WorkflowSubStatus.Executing, _instances, cancellationToken);
                    // Only here is everything done so far committed: stopping now loses nothing.
                    if (stopAfterStep.IsCancellationRequested)
                        return execution.Record;
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            execution.CancelAll();
            execution.FinalSubStatus = WorkflowSubStatus.Cancelled;
        }

        if (execution.FinalSubStatus is null && execution.State.RootCompleted)
            execution.FinalSubStatus = WorkflowSubStatus.Finished;
        if (execution.FinalSubStatus is null && !execution.HasBookmarks)
            execution.FinalSubStatus = execution.Incidents.Count > 0 ? WorkflowSubStatus.Faulted : WorkflowSubStatus.Finished;
        if (execution.FinalSubStatus is not null)
            return await FinishAsync(execution);

        execution.Log(null, null, "WorkflowSuspended", null);
        await execution.CommitAsync(WorkflowStatus.Running, WorkflowSubStatus.Suspended, _instances, CancellationToken.None);
        return execution.Record;
    }

    private async Task<WorkflowInstanceRecord> FinishAsync(WorkflowExecution execution)
    {
        var subStatus = execution.FinalSubStatus ?? WorkflowSubStatus.Finished;
        if (subStatus != WorkflowSubStatus.Finished)
            execution.CancelAll();
        // A flow that ran to its end after an activity reported a fault it handled (a failed test run) ends Faulted,
        // as Elsa shows a faulted instance; its parent is told that the fault was reported, not a breakage.
        var reportedOnly = subStatus == WorkflowSubStatus.Finished && execution.State.FaultReported;
        if (reportedOnly)
            subStatus = WorkflowSubStatus.Faulted;
        execution.Log(null, null, "WorkflowFinished", subStatus.ToString());
        if (execution.Record.ParentInstanceId is { } parentId)
            await NotifyParentAsync(execution, parentId, subStatus, reportedOnly);
        // A cancelled token must not prevent recording the final state.
        await execution.CommitAsync(WorkflowStatus.Finished, subStatus, _instances, CancellationToken.None);
        return execution.Record;
    }

    private async Task NotifyParentAsync(WorkflowExecution execution, string parentId, WorkflowSubStatus subStatus, bool faultReported)
    {
        var payload = new JsonObject { ["childInstanceId"] = execution.Record.Id };
        var waiting = await _bookmarks.FindAsync(new BookmarkFilter
        {
            Name = BookmarkNames.ChildWorkflow,
            Hash = BookmarkHash.Compute(BookmarkNames.ChildWorkflow, payload),
            WorkflowInstanceId = parentId,
        }, CancellationToken.None);
        foreach (var bookmark in waiting)
        {
            var result = new JsonObject
            {
                ["childInstanceId"] = execution.Record.Id,
                ["subStatus"] = subStatus.ToString(),
                ["faultReported"] = faultReported,
                ["output"] = execution.Output.DeepClone(),
            };
            execution.AfterCommit((dispatcher, ct) => dispatcher.DispatchResumeAsync(parentId, bookmark.Id, result, ct));
        }
    }

    /// <summary>A version's model and the document it was compiled from.</summary>
    private sealed record CompiledVersion(string Json, WorkflowModel Model);
}
