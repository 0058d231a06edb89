using Workflows.Core.Definitions;
using Workflows.Core.Expressions;

namespace Workflows.Core.Activities;

/// <summary>Reads inputs of a node without running it (validation, trigger indexing): literals only.</summary>
public static class LiteralInputs
{
    /// <summary>The input's literal value converted to <typeparamref name="T"/>, or default when absent or not a literal.</summary>
    public static T? Get<T>(ActivityNode node, string inputName)
    {
        var expression = Expression.FromInput(node.GetProperty(inputName));
        if (expression is null || expression.Type is not (Expression.Literal or Expression.Object or Expression.Json))
            return default;
        var evaluator = new ExpressionEvaluator(new JavaScriptEvaluator(new JavaScriptOptions()));
        return (T?)ValueConverter.ToClr(evaluator.Evaluate(expression, EmptyScope.Instance, CancellationToken.None), typeof(T));
    }

    private sealed class EmptyScope : IExpressionScope
    {
        public static EmptyScope Instance { get; } = new();
        public string WorkflowInstanceId => string.Empty;
        public string? CorrelationId => null;
        public IEnumerable<string> VariableNames => [];
        public IEnumerable<string> InputNames => [];
        public System.Text.Json.Nodes.JsonNode? GetVariable(string name) => null;
        public void SetVariable(string name, System.Text.Json.Nodes.JsonNode? value) { }
        public System.Text.Json.Nodes.JsonNode? GetInput(string name) => null;
    }
}
