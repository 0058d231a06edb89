using System.Text.Json;
using System.Text.Json.Nodes;

namespace Workflows.Core.Expressions;

/// <summary>Evaluates Elsa's default expression types, JavaScript, Liquid and C# to JSON values.</summary>
public sealed class ExpressionEvaluator(JavaScriptEvaluator javaScript, LiquidEvaluator liquid, CSharpEvaluator csharp)
{
    /// <summary>For literal-only evaluation (validation, trigger indexing): Liquid and C# get private, unused caches.</summary>
    public ExpressionEvaluator(JavaScriptEvaluator javaScript) : this(javaScript, new LiquidEvaluator(), new CSharpEvaluator())
    {
    }

    public JsonNode? Evaluate(Expression? expression, IExpressionScope scope, CancellationToken cancellationToken) =>
        expression?.Type switch
        {
            null => null,
            Expression.Literal => expression.Value?.DeepClone(),
            Expression.Object or Expression.Json => ParseJsonText(expression),
            Expression.Variable => expression.Text is { } name ? scope.GetVariable(name)?.DeepClone() : null,
            Expression.Input => expression.Text is { } name ? scope.GetInput(name)?.DeepClone() : null,
            Expression.JavaScript => string.IsNullOrWhiteSpace(expression.Text) ? null : javaScript.Evaluate(expression.Text, scope, cancellationToken),
            Expression.Liquid => expression.Text is { } template ? liquid.Evaluate(template, scope, cancellationToken) : null,
            Expression.CSharp => string.IsNullOrWhiteSpace(expression.Text) ? null : csharp.Evaluate(expression.Text, scope, cancellationToken),
            _ => throw new ExpressionException($"Unsupported expression type '{expression.Type}'."),
        };

    /// <summary>Object/Json expressions carry JSON as a string; text that is not JSON stays a string.</summary>
    private static JsonNode? ParseJsonText(Expression expression)
    {
        if (expression.Value is not JsonValue v || !v.TryGetValue<string>(out var text))
            return expression.Value?.DeepClone();
        if (string.IsNullOrWhiteSpace(text))
            return null;
        try
        {
            return JsonNode.Parse(text);
        }
        catch (JsonException)
        {
            return JsonValue.Create(text);
        }
    }
}
