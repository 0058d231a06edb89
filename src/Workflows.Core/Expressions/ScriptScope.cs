using System.Text.Json.Nodes;

namespace Workflows.Core.Expressions;

/// <summary>
/// The scope of a script activity (RunJavaScript, RunCSharp): the activity's own scope plus the outcomes the script
/// chose with <c>setOutcome</c>/<c>setOutcomes</c> (JavaScript) or <c>SetOutcome</c>/<c>SetOutcomes</c> (C#).
/// </summary>
public sealed class ScriptScope(IExpressionScope inner) : IExpressionScope
{
    public List<string> Outcomes { get; } = [];

    public string WorkflowInstanceId => inner.WorkflowInstanceId;
    public string? CorrelationId => inner.CorrelationId;
    public IEnumerable<string> VariableNames => inner.VariableNames;
    public IEnumerable<string> InputNames => inner.InputNames;
    public string? WorkflowDefinitionId => inner.WorkflowDefinitionId;
    public string? WorkflowDefinitionVersionId => inner.WorkflowDefinitionVersionId;
    public int WorkflowDefinitionVersion => inner.WorkflowDefinitionVersion;
    public string? ActivityId => inner.ActivityId;
    public JsonNode? LastResult => inner.LastResult;
    public JsonNode? GetVariable(string name) => inner.GetVariable(name);
    public void SetVariable(string name, JsonNode? value) => inner.SetVariable(name, value);
    public JsonNode? GetInput(string name) => inner.GetInput(name);
    public void SetCorrelationId(string? correlationId) => inner.SetCorrelationId(correlationId);
    public JsonNode? GetActivityOutput(string activityIdOrName, string? outputName) => inner.GetActivityOutput(activityIdOrName, outputName);
    public JsonNode? GetWorkflowOutput(string name) => inner.GetWorkflowOutput(name);

    public void SetOutcomes(IEnumerable<string> outcomes)
    {
        Outcomes.Clear();
        Outcomes.AddRange(outcomes.Where(o => !string.IsNullOrWhiteSpace(o)));
    }
}
