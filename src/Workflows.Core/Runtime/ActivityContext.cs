using System.Text.Json.Nodes;
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

    /// <summary>Completes the activity with outcomes (ports); none given means <c>Done</c>.</summary>
    public void Complete(params string[] outcomes) => Outcomes = outcomes.Length == 0 ? ["Done"] : outcomes;

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

    /// <summary>Ends the whole workflow as Finished once this activity completes (Elsa's Finish).</summary>
    public void FinishWorkflow() => FinishWorkflowRequested = true;

    /// <summary>The compiled child held in an embedded port (e.g. <c>Body</c>).</summary>
    public ActivityNode? GetEmbeddedChild(string portName) =>
        Node.GetEmbedded(portName) is { } json && ActivityJson.GetString(json, "nodeId") is { } nodeId ? Workflow.GetNode(nodeId) : null;

    public JsonNode? GetVariable(string name) => _execution.Scope(_instance).GetVariable(name);
    public void SetVariable(string name, JsonNode? value) => _execution.Scope(_instance).SetVariable(name, value);

    /// <summary>Sets an activity output and writes it to its bound variable or workflow output (memoryReference).</summary>
    public void SetOutput(string outputName, object? value) => _execution.SetActivityOutput(_instance, Node, outputName, ValueConverter.ToJson(value));

    /// <summary>The variable an output is bound to, if it is bound to a variable.</summary>
    public string? GetBoundVariableName(string outputName) => _execution.BoundVariableName(Node, outputName);

    public void SetWorkflowOutput(string name, JsonNode? value) => _execution.Output[name] = value?.DeepClone();

    /// <summary>Creates and commits a child instance; it is dispatched once the current step is committed.</summary>
    public Task<string> StartChildWorkflowAsync(string definitionId, JsonObject? input, string? correlationId) =>
        _execution.StartChildWorkflowAsync(definitionId, input, correlationId, CancellationToken);

    /// <summary>Adds a journal entry for this activity.</summary>
    public void Log(string eventName, string? message, JsonNode? payload = null) => _execution.Log(_instance, Node, eventName, message, payload);
}
