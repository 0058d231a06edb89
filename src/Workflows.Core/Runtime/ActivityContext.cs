using System.Text.Json.Nodes;
using Workflows.Core.Activities;
using Workflows.Core.Definitions;
using Workflows.Core.Expressions;

namespace Workflows.Core.Runtime;

/// <summary>
/// What a running activity can see and do: its node and durable properties, variables, outputs, bookmarks,
/// children, services and the cancellation token. One context per call into the activity.
/// </summary>
public sealed class ActivityContext
{
    private readonly WorkflowExecution _execution;
    private readonly ActivityInstanceState _instance;
    private readonly List<BookmarkRequest> _bookmarks = [];

    internal ActivityContext(WorkflowExecution execution, ActivityInstanceState instance, ActivityNode node, CancellationToken cancellationToken)
    {
        _execution = execution;
        _instance = instance;
        Node = node;
        CancellationToken = cancellationToken;
    }

    public ActivityNode Node { get; }
    public string ActivityInstanceId => _instance.Id;
    public string WorkflowInstanceId => _execution.Record.Id;
    public string? CorrelationId => _execution.Record.CorrelationId;

    /// <summary>Reaches the running activity: cancelling it cancels the workflow.</summary>
    public CancellationToken CancellationToken { get; }

    /// <summary>Durable state of this activity instance; persisted with the instance.</summary>
    public JsonObject Properties => _instance.Properties;

    public WorkflowModel Workflow => _execution.Model;
    public IWorkflowClock Clock => _execution.Services.Clock;
    public IWriteLineSink Lines => _execution.Services.Lines;
    public IServiceProvider Services => _execution.Services.ServiceProvider;

    /// <summary>Which failed attempt this is (1 on the first execution).</summary>
    public int Attempt => _instance.Attempt;

    internal IReadOnlyList<string>? Outcomes { get; private set; }
    internal IReadOnlyList<BookmarkRequest> Bookmarks => _bookmarks;
    internal bool FinishWorkflowRequested { get; private set; }
    internal (string Message, string? Detail)? ReportedFault { get; private set; }
    internal IReadOnlyList<string>? CompositeOutcomes { get; private set; }

    /// <summary>Completes the activity with outcomes (ports); none given means <c>Done</c>.</summary>
    public void Complete(params string[] outcomes) => Outcomes = outcomes.Length == 0 ? [FlowPorts.Done] : outcomes;

    public void CompleteWith(IEnumerable<string> outcomes) => Outcomes = outcomes.ToList();

    /// <summary>Runs <paramref name="code"/> as an expression of <paramref name="language"/> in this activity's scope.</summary>
    public JsonNode? EvaluateScript(string language, string code, IExpressionScope? scope = null) =>
        _execution.Evaluator.Evaluate(new Expression(language, JsonValue.Create(code)), scope ?? ExpressionScope, CancellationToken);

    /// <summary>What expressions evaluated for this activity see (variables, inputs, outputs, instance).</summary>
    public IExpressionScope ExpressionScope => _execution.Scope(_instance);

    /// <summary>
    /// Records an incident on this activity (as Elsa records a fault: the activity's execution is <c>Faulted</c>
    /// with <paramref name="message"/>) while the activity still completes with its outcomes, so the flow goes on to
    /// its teardown; the instance then ends <c>Finished/Faulted</c> instead of <c>Finished/Finished</c>. For an
    /// activity whose domain result is a failure (tests failed, a deploy broke) that the flow handles itself.
    /// </summary>
    public void ReportFault(string message, string? detail = null) => ReportedFault = (message, detail);

    /// <summary>Suspends the activity until the bookmark is resumed (or, with <paramref name="resumeAt"/>, a timer fires).</summary>
    public void CreateBookmark(string name, JsonNode? payload = null, DateTimeOffset? resumeAt = null) =>
        _bookmarks.Add(new BookmarkRequest(name, payload, resumeAt));

    /// <summary>Schedules a child activity owned by this one; returns its activity instance id.</summary>
    public string ScheduleChild(ActivityNode child, JsonObject? locals = null) => _execution.Schedule(child, _instance.Id, locals);

    /// <summary>Live (scheduled, running or suspended) children of this activity.</summary>
    public IReadOnlyList<(string InstanceId, ActivityNode Node)> ActiveChildren =>
        _execution.ChildrenOf(_instance.Id).Select(c => (c.Id, _execution.Model.GetNode(c.NodeId))).ToList();

    /// <summary>Cancels children (and their descendants) that match.</summary>
    public Task CancelChildrenAsync(Func<ActivityNode, bool> predicate) => _execution.CancelChildrenAsync(_instance.Id, predicate);

    /// <summary>
    /// Elsa's CompleteCompositeSignal: once this activity completes, the nearest enclosing workflow used as an activity
    /// completes as a whole with <paramref name="outcomes"/> (its still running activities are cancelled); at the top
    /// level the workflow finishes.
    /// </summary>
    public void CompleteComposite(IEnumerable<string> outcomes) => CompositeOutcomes = outcomes.ToList();

    /// <summary>Variable values scoped to this activity's subtree (a workflow body's variables, inputs and outputs).</summary>
    internal JsonObject Locals => _instance.Locals;

    /// <summary>Evaluates a wrapped input (<c>{"typeName","expression"}</c>) in this activity's scope; null when absent.</summary>
    public JsonNode? EvaluateWrapped(JsonNode? wrappedInput) =>
        Expression.FromInput(wrappedInput) is { } expression
            ? _execution.Evaluator.Evaluate(expression, _execution.Scope(_instance), CancellationToken)
            : null;

    /// <summary>Ends the whole workflow as Finished once this activity completes (Elsa's Finish).</summary>
    public void FinishWorkflow() => FinishWorkflowRequested = true;

    /// <summary>The compiled child held in an embedded port (e.g. <c>Body</c>).</summary>
    public ActivityNode? GetEmbeddedChild(string portName) =>
        Node.GetEmbedded(portName) is { } json && ActivityJson.GetString(json, "nodeId") is { } nodeId ? Workflow.GetNode(nodeId) : null;

    /// <summary>The compiled node of an activity held somewhere in this node's JSON (a Switch case's activity).</summary>
    public ActivityNode? GetChildNode(JsonObject? activityJson) =>
        activityJson is not null && ActivityJson.GetString(activityJson, "nodeId") is { } nodeId ? Workflow.GetNode(nodeId) : null;

    /// <summary>Evaluates a bare expression object (<c>{"type","value"}</c>, as in FlowSwitch cases) in this activity's scope.</summary>
    public JsonNode? Evaluate(JsonNode? expression) =>
        expression is JsonObject o && ActivityJson.GetString(o, "type") is { } type
            ? _execution.Evaluator.Evaluate(new Expression(type, o["value"]?.DeepClone()), _execution.Scope(_instance), CancellationToken)
            : expression?.DeepClone();

    /// <summary>Evaluates one of this node's inputs again, now (a While's condition before each iteration).</summary>
    public T? EvaluateInput<T>(string inputName)
    {
        var expression = Expression.FromInput(Node.GetProperty(inputName));
        var value = expression is null ? null : _execution.Evaluator.Evaluate(expression, _execution.Scope(_instance), CancellationToken);
        return (T?)ValueConverter.ToClr(value, typeof(T));
    }

    /// <summary>
    /// Sets a variable visible only to this activity's subtree (a loop's CurrentValue / CurrentIndex), persisted with it.
    /// </summary>
    public void SetLocalVariable(string name, JsonNode? value) => _instance.Locals[name] = value?.DeepClone();

    /// <summary>Changes the instance's correlation id (Elsa's Correlate); later bookmarks carry it.</summary>
    public void SetCorrelationId(string? correlationId) => _execution.Record = _execution.Record with { CorrelationId = correlationId };

    /// <summary>Changes the instance's name (Elsa's SetName).</summary>
    public void SetWorkflowName(string? name) => _execution.Record = _execution.Record with { Name = name };

    /// <summary>
    /// Marks the nearest enclosing activity that <paramref name="isTarget"/> accepts (a loop, for Break) with a durable
    /// flag; returns false when there is none.
    /// </summary>
    public bool FlagAncestor(Func<ActivityNode, bool> isTarget, string flag)
    {
        for (var id = _instance.ParentId; id is not null && _execution.State.Activities.TryGetValue(id, out var ancestor); id = ancestor.ParentId)
            if (isTarget(Workflow.GetNode(ancestor.NodeId)))
            {
                ancestor.Properties[flag] = true;
                return true;
            }
        return false;
    }

    public JsonNode? GetVariable(string name) => _execution.Scope(_instance).GetVariable(name);
    public void SetVariable(string name, JsonNode? value) => _execution.Scope(_instance).SetVariable(name, value);

    /// <summary>Sets an activity output and writes it to its bound variable or workflow output (memoryReference).</summary>
    public void SetOutput(string outputName, object? value) => _execution.SetActivityOutput(_instance, Node, outputName, ValueConverter.ToJson(value));

    /// <summary>The variable an output is bound to, if it is bound to a variable.</summary>
    public string? GetBoundVariableName(string outputName) => _execution.BoundVariableName(Node, outputName);

    /// <summary>Sets an output of the workflow this activity runs in (the enclosing workflow body's, when nested).</summary>
    public void SetWorkflowOutput(string name, JsonNode? value) => _execution.OutputFor(_instance)[name] = value?.DeepClone();

    /// <summary>Creates and commits a child instance; it is dispatched once the current step is committed.</summary>
    public Task<string> StartChildWorkflowAsync(string definitionId, JsonObject? input, string? correlationId) =>
        _execution.StartChildWorkflowAsync(definitionId, input, correlationId, CancellationToken);

    /// <summary>Once this step is committed, resumes every bookmark matching the filter with the payload (PublishEvent).</summary>
    public void ResumeMatchingBookmarks(Persistence.BookmarkFilter filter, JsonNode? payload) => _execution.ResumeMatchingAfterCommit(filter, payload);

    /// <summary>After this step is committed, starts every published workflow whose trigger of that name and hash matches.</summary>
    public void StartTriggeredWorkflows(string triggerName, string triggerHash, JsonObject input, string? correlationId) =>
        _execution.StartTriggeredAfterCommit(triggerName, triggerHash, input, correlationId);

    /// <summary>Adds a journal entry for this activity.</summary>
    public void Log(string eventName, string? message, JsonNode? payload = null) => _execution.Log(_instance, Node, eventName, message, payload);
}
