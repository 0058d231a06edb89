using System.Text.Json;
using System.Text.Json.Nodes;
using Workflows.Core.Definitions;
using Workflows.Core.Expressions;
using Workflows.Core.Persistence;

namespace Workflows.Core.Runtime;

/// <summary>
/// One instance loaded into memory for one run: its state, variables, outputs, and everything written since
/// the last commit (journal, execution records, bookmarks, dispatches). <see cref="CommitAsync"/> persists a step.
/// </summary>
internal sealed class WorkflowExecution
{
    private readonly WorkflowEngine _engine;
    private readonly List<WorkflowExecutionLogRecord> _log = [];
    private readonly Dictionary<string, ActivityExecutionRecord> _executions = new(StringComparer.Ordinal);
    private readonly List<BookmarkRecord> _addedBookmarks = [];
    private readonly List<string> _removedBookmarkIds = [];
    private readonly List<string> _consumedStimulusIds = [];
    private readonly List<Func<IWorkflowDispatcher, CancellationToken, ValueTask>> _dispatches = [];

    public WorkflowExecution(WorkflowEngine engine, WorkflowInstanceRecord record, WorkflowModel model, WorkflowEngineServices services)
    {
        _engine = engine;
        Record = record;
        Model = model;
        Services = services;
        State = JsonSerializer.Deserialize<ExecutionState>(record.ExecutionStateJson, WorkflowJson.Options) ?? new ExecutionState();
        Variables = WorkflowJson.ParseObject(record.VariablesJson);
        Input = WorkflowJson.ParseObject(record.InputJson);
        Output = WorkflowJson.ParseObject(record.OutputJson);
        Incidents = JsonSerializer.Deserialize<List<ActivityIncident>>(record.IncidentsJson, WorkflowJson.Options) ?? [];
    }

    public WorkflowInstanceRecord Record { get; set; }
    public WorkflowModel Model { get; }
    public WorkflowEngineServices Services { get; }
    public ExecutionState State { get; }
    public JsonObject Variables { get; }
    public JsonObject Input { get; }
    public JsonObject Output { get; }
    public List<ActivityIncident> Incidents { get; }

    /// <summary>The lease the host holds for this run; every commit is fenced on it (null: unfenced).</summary>
    public string? LeaseOwner { get; set; }

    /// <summary>See <see cref="WorkflowRunControl.EndsLeaseWhenFinished"/>.</summary>
    public bool EndsLeaseWhenFinished { get; set; }

    /// <summary>
    /// The instance has no row yet (<c>WorkflowEngine.StartAsync</c>): the next commit creates it, create-only and
    /// unfenced (there is no row to fence on; the lease is written with it).
    /// </summary>
    public bool Unwritten { get; set; }

    /// <summary>Set when the workflow reached a final sub-status during this run.</summary>
    public WorkflowSubStatus? FinalSubStatus { get; set; }

    public ExpressionEvaluator Evaluator => _engine.Evaluator;

    public string Schedule(ActivityNode node, string? parentId, JsonObject? locals = null)
    {
        var instance = new ActivityInstanceState
        {
            Id = Guid.NewGuid().ToString("N"),
            NodeId = node.NodeId,
            ParentId = parentId,
            Locals = locals ?? [],
        };
        State.Activities[instance.Id] = instance;
        State.Queue.Add(new WorkItem(instance.Id, WorkItemKind.Execute));
        return instance.Id;
    }

    public IEnumerable<ActivityInstanceState> ChildrenOf(string parentId)
    {
        // A snapshot (callers cancel children while iterating), built without LINQ: this runs several times per step.
        var children = new List<ActivityInstanceState>();
        foreach (var activity in State.Activities.Values)
            if (activity.ParentId == parentId)
                children.Add(activity);
        return children;
    }

    public bool HasChildren(string parentId)
    {
        foreach (var activity in State.Activities.Values)
            if (activity.ParentId == parentId)
                return true;
        return false;
    }

    public Task CancelChildrenAsync(string parentId, Func<ActivityNode, bool> predicate)
    {
        foreach (var child in ChildrenOf(parentId).Where(c => predicate(Model.GetNode(c.NodeId))))
            Cancel(child);
        return Task.CompletedTask;
    }

    /// <summary>Cancels an activity instance and its descendants: no more work, bookmarks removed.</summary>
    public void Cancel(ActivityInstanceState instance)
    {
        foreach (var child in ChildrenOf(instance.Id))
            Cancel(child);
        State.Activities.Remove(instance.Id);
        State.Queue.RemoveAll(w => w.ActivityInstanceId == instance.Id);
        _removedBookmarkIds.AddRange(instance.BookmarkIds);
        instance.BookmarkIds.Clear();
        var node = Model.GetNode(instance.NodeId);
        instance.Status = ActivityStatus.Cancelled;
        Log(instance, node, "Cancelled", null);
        RecordExecution(instance, node, "Cancelled", outcomes: null, exception: null, completed: true);
    }

    public void CancelAll()
    {
        foreach (var instance in State.Activities.Values.Where(a => a.ParentId is null || !State.Activities.ContainsKey(a.ParentId)).ToList())
            Cancel(instance);
        State.Queue.Clear();
    }

    public VariableScope Scope(ActivityInstanceState instance) => new(this, instance);

    public void SetActivityOutput(ActivityInstanceState instance, ActivityNode node, string outputName, JsonNode? value)
    {
        var outputs = instance.Properties["$outputs"] as JsonObject ?? new JsonObject();
        outputs[outputName] = value?.DeepClone();
        instance.Properties["$outputs"] = outputs;
        var byActivity = State.ActivityOutputs.GetValueOrDefault(node.Id) ?? new JsonObject();
        byActivity[outputName] = value?.DeepClone();
        State.ActivityOutputs[node.Id] = byActivity;
        if (outputName == "Result")
            State.LastResult = value?.DeepClone();
        var target = MemoryReference(node, outputName);
        if (target is null)
            return;
        var output = OutputFor(instance);
        var isWorkflowOutput = output != Output || Model.Outputs.Any(o => o.Name == target);
        if (Model.FindVariable(target) is { } variable)
        {
            Scope(instance).SetVariable(variable.Name, value);
            // A reference naming both a variable and a declared workflow output (RunId) feeds both.
            if (!isWorkflowOutput || variable.Id == target && variable.Name != target)
                return;
        }
        if (isWorkflowOutput)
            output[target] = value?.DeepClone();
    }

    /// <summary>Where a workflow output set by this activity goes: the nearest enclosing workflow body's, else the instance's.</summary>
    public JsonObject OutputFor(ActivityInstanceState instance) =>
        BodyOwner(instance)?.Locals[BodyLocals.Output] as JsonObject ?? Output;

    /// <summary>The activity instance of the nearest workflow used as an activity that encloses (or is) this one.</summary>
    public ActivityInstanceState? BodyOwner(ActivityInstanceState instance)
    {
        for (var current = instance; current is not null;
             current = current.ParentId is null ? null : State.Activities.GetValueOrDefault(current.ParentId))
            if (current.Locals.ContainsKey(BodyLocals.Input))
                return current;
        return null;
    }

    public string? BoundVariableName(ActivityNode node, string outputName) =>
        MemoryReference(node, outputName) is { } target ? Model.FindVariable(target)?.Name : null;

    public async Task<string> StartChildWorkflowAsync(string definitionId, JsonObject? input, string? correlationId, CancellationToken cancellationToken)
    {
        var child = await _engine.CreateInstanceAsync(definitionId, new WorkflowStartOptions
        {
            Input = input ?? [],
            CorrelationId = correlationId ?? Record.CorrelationId,
            ParentInstanceId = Record.Id,
        }, cancellationToken);
        AfterCommit((dispatcher, ct) => dispatcher.DispatchRunAsync(child.Id, ct));
        return child.Id;
    }

    /// <summary>
    /// After the next commit (so bookmarks created in this burst count), resumes every bookmark that matches
    /// <paramref name="filter"/> with <paramref name="payload"/>.
    /// </summary>
    public void ResumeMatchingAfterCommit(BookmarkFilter filter, JsonNode? payload) =>
        AfterCommit(async (dispatcher, ct) =>
        {
            foreach (var bookmark in await _engine.Bookmarks.FindAsync(filter, ct))
                await dispatcher.DispatchResumeAsync(bookmark.WorkflowInstanceId, bookmark.Id, payload?.DeepClone(), ct);
        });

    /// <summary>
    /// After the next commit, starts an instance of every published workflow whose <c>Event</c> trigger listens for
    /// <paramref name="triggerHash"/> (as Elsa's event stimulus does), with the event's payload as the trigger's input
    /// and <paramref name="correlationId"/> as its correlation id.
    /// </summary>
    public void StartTriggeredAfterCommit(string triggerName, string triggerHash, JsonObject input, string? correlationId)
    {
        if (Services.Triggers is not { } triggers)
            return;
        AfterCommit(async (dispatcher, ct) =>
        {
            foreach (var trigger in await triggers.FindAsync(new TriggerFilter { Name = triggerName, Hash = triggerHash }, ct))
            {
                var started = await _engine.CreateInstanceOfVersionAsync(trigger.WorkflowDefinitionVersionId, new WorkflowStartOptions
                {
                    Input = (JsonObject)input.DeepClone(),
                    CorrelationId = correlationId,
                    TriggerActivityId = trigger.ActivityId,
                }, ct);
                await dispatcher.DispatchRunAsync(started.Id, ct);
            }
        });
    }

    /// <summary>Work to hand to the dispatcher after the next commit (so a child never outruns its parent's bookmark).</summary>
    public void AfterCommit(Func<IWorkflowDispatcher, CancellationToken, ValueTask> dispatch) => _dispatches.Add(dispatch);

    public void AddBookmark(ActivityInstanceState instance, ActivityNode node, BookmarkRequest request)
    {
        var bookmark = new BookmarkRecord
        {
            Id = Guid.NewGuid().ToString("N"),
            Name = request.Name,
            Hash = BookmarkHash.Compute(request.Name, request.Payload),
            PayloadJson = request.Payload?.ToJsonString(),
            WorkflowInstanceId = Record.Id,
            ActivityInstanceId = instance.Id,
            ActivityId = node.Id,
            CorrelationId = Record.CorrelationId,
            CreatedAt = Services.Clock.UtcNow,
            ResumeAt = request.ResumeAt,
        };
        instance.BookmarkIds.Add(bookmark.Id);
        _addedBookmarks.Add(bookmark);
    }

    /// <summary>The next commit removes this queued stimulus, in the same transaction as the resumption it caused.</summary>
    public void ConsumeStimulus(string stimulusId) => _consumedStimulusIds.Add(stimulusId);

    public void RemoveBookmark(ActivityInstanceState instance, string bookmarkId)
    {
        instance.BookmarkIds.Remove(bookmarkId);
        _removedBookmarkIds.Add(bookmarkId);
    }

    public bool HasBookmarks => State.Activities.Values.Any(a => a.BookmarkIds.Count > 0);

    public void Log(ActivityInstanceState? instance, ActivityNode? node, string eventName, string? message, JsonNode? payload = null) =>
        _log.Add(new WorkflowExecutionLogRecord
        {
            Id = Guid.NewGuid().ToString("N"),
            WorkflowInstanceId = Record.Id,
            ActivityInstanceId = instance?.Id,
            ParentActivityInstanceId = instance?.ParentId,
            ActivityId = node?.Id,
            ActivityNodeId = node?.NodeId,
            ActivityType = node?.Type,
            Timestamp = Services.Clock.UtcNow,
            Sequence = State.Sequence++,
            EventName = eventName,
            Message = message,
            PayloadJson = payload?.ToJsonString(),
        });

    /// <summary>
    /// An activity completed (or faulted, or was cancelled) since the last commit: the run must commit before it goes
    /// on, as every completion is committed before the next activity runs.
    /// </summary>
    public bool HasUncommittedCompletion { get; private set; }

    public void RecordExecution(ActivityInstanceState instance, ActivityNode node, string status, IReadOnlyList<string>? outcomes, string? exception, bool completed, JsonObject? inputs = null)
    {
        HasUncommittedCompletion |= completed;
        var previous = _executions.GetValueOrDefault(instance.Id);
        _executions[instance.Id] = new ActivityExecutionRecord
        {
            Id = instance.Id,
            WorkflowInstanceId = Record.Id,
            ActivityId = node.Id,
            ActivityNodeId = node.NodeId,
            ActivityType = node.Type,
            ActivityTypeVersion = node.Version,
            ActivityName = node.Name,
            Status = status,
            OutcomesJson = outcomes is null ? null : JsonSerializer.Serialize(outcomes, WorkflowJson.Options),
            InputsJson = inputs?.ToJsonString() ?? previous?.InputsJson,
            OutputsJson = (instance.Properties["$outputs"] as JsonObject)?.ToJsonString(),
            Exception = exception,
            HasBookmarks = instance.BookmarkIds.Count > 0,
            StartedAt = instance.StartedAt ?? Services.Clock.UtcNow,
            CompletedAt = completed ? Services.Clock.UtcNow : null,
        };
    }

    /// <summary>
    /// Commits while <paramref name="inFlight"/> runs: the stored queue still holds it, so a worker that takes the
    /// instance over after a crash runs it again.
    /// </summary>
    public async Task CommitInFlightAsync(WorkItem inFlight, CancellationToken cancellationToken)
    {
        State.Queue.Insert(0, inFlight);
        try
        {
            await CommitAsync(WorkflowStatus.Running, WorkflowSubStatus.Executing, _engine.Instances, cancellationToken);
        }
        finally
        {
            State.Queue.RemoveAt(0);
        }
    }

    public async Task CommitAsync(WorkflowStatus status, WorkflowSubStatus subStatus, IWorkflowInstanceStore store, CancellationToken cancellationToken)
    {
        var now = Services.Clock.UtcNow;
        // The commit that finishes a leased run ends its lease in the same write: nobody holds a finished instance.
        var releasesLease = status == WorkflowStatus.Finished && LeaseOwner is not null && EndsLeaseWhenFinished;
        var creates = Unwritten;
        Record = Record with
        {
            Status = status,
            SubStatus = subStatus,
            VariablesJson = Variables.ToJsonString(),
            OutputJson = Output.ToJsonString(),
            ExecutionStateJson = JsonSerializer.Serialize(State, WorkflowJson.Options),
            // Most instances never have an incident: skip the serialiser for the common empty list.
            IncidentsJson = Incidents.Count == 0 ? "[]" : JsonSerializer.Serialize(Incidents, WorkflowJson.Options),
            IncidentCount = Incidents.Count,
            UpdatedAt = now,
            FinishedAt = status == WorkflowStatus.Finished ? Record.FinishedAt ?? now : null,
            LeaseOwner = releasesLease ? null : Record.LeaseOwner,
            // A lease written with the row it creates runs its full length from this commit, not from the start of the run.
            LeaseExpiresAt = releasesLease ? null
                : creates && Record.LeaseExpiresAt is { } expires ? now + (expires - Record.CreatedAt)
                : Record.LeaseExpiresAt,
        };
        await store.CommitAsync(new WorkflowInstanceCommit
        {
            Instance = Record,
            ActivityExecutions = _executions.Values.ToList(),
            LogRecords = _log.ToList(),
            AddedBookmarks = _addedBookmarks.Count == 0 ? [] : _addedBookmarks.Where(b => !_removedBookmarkIds.Contains(b.Id)).ToList(),
            RemovedBookmarkIds = _removedBookmarkIds.Count == 0 ? [] : _removedBookmarkIds.Where(id => _addedBookmarks.All(b => b.Id != id)).ToList(),
            CreateOnly = creates,
            // A row being created has no lease to check yet, and carries its own (none when it is created finished).
            ExpectedLeaseOwner = creates ? null : LeaseOwner,
            ReleasesLease = releasesLease && !creates,
            ConsumedStimulusIds = _consumedStimulusIds.ToList(),
        }, cancellationToken);
        Unwritten = false;
        _consumedStimulusIds.Clear();
        HasUncommittedCompletion = false;
        _executions.Clear();
        _log.Clear();
        _addedBookmarks.Clear();
        _removedBookmarkIds.Clear();

        var dispatches = _dispatches.ToList();
        _dispatches.Clear();
        if (dispatches.Count > 0)
        {
            var dispatcher = Services.Dispatcher ?? throw new InvalidOperationException("No workflow dispatcher is configured.");
            foreach (var dispatch in dispatches)
                await dispatch(dispatcher, cancellationToken);
        }
    }

    private static string? MemoryReference(ActivityNode node, string outputName) =>
        node.GetProperty(outputName) is JsonObject binding
        && binding["memoryReference"] is JsonObject reference
        && ActivityJson.GetString(reference, "id") is { Length: > 0 } id
            ? id
            : null;
}
