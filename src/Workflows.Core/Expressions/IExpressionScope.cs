using System.Text.Json.Nodes;

namespace Workflows.Core.Expressions;

/// <summary>
/// What expressions can see: variables (scoped to the evaluating activity), workflow inputs, and the workflow
/// instance. The members with bodies are optional for scopes that have no running instance (validation).
/// </summary>
public interface IExpressionScope
{
    string WorkflowInstanceId { get; }
    string? CorrelationId { get; }
    IEnumerable<string> VariableNames { get; }
    IEnumerable<string> InputNames { get; }
    JsonNode? GetVariable(string name);
    void SetVariable(string name, JsonNode? value);
    JsonNode? GetInput(string name);

    string? WorkflowDefinitionId => null;
    string? WorkflowDefinitionVersionId => null;
    int WorkflowDefinitionVersion => 0;

    /// <summary>The running activity's id (Elsa's <c>ActivityId</c> global); null outside an activity.</summary>
    string? ActivityId => null;

    /// <summary>Changes the instance's correlation id (Elsa's <c>setCorrelationId</c>).</summary>
    void SetCorrelationId(string? correlationId) => throw new ExpressionException("The correlation id cannot be set here.");

    /// <summary>An output of an activity that already ran in this instance, by id or name; <c>Result</c> when no output is named.</summary>
    JsonNode? GetActivityOutput(string activityIdOrName, string? outputName) => null;

    /// <summary>The <c>Result</c> output of the activity that completed last (Elsa's <c>getLastResult</c>).</summary>
    JsonNode? LastResult => null;

    /// <summary>The workflow's outputs set so far (Elsa's <c>Output</c> in Liquid).</summary>
    JsonNode? GetWorkflowOutput(string name) => null;
}
