using System.Text.Json.Nodes;

namespace Workflows.Core.Expressions;

/// <summary>What expressions can see: variables (scoped to the evaluating activity) and workflow inputs.</summary>
public interface IExpressionScope
{
    string WorkflowInstanceId { get; }
    string? CorrelationId { get; }
    IEnumerable<string> VariableNames { get; }
    IEnumerable<string> InputNames { get; }
    JsonNode? GetVariable(string name);
    void SetVariable(string name, JsonNode? value);
    JsonNode? GetInput(string name);
}
