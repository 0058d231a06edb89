namespace Workflows.Core.Expressions;

/// <summary>An expression could not be evaluated (syntax error, script error, time or memory limit).</summary>
public sealed class ExpressionException(string message, Exception? inner = null) : Exception(message, inner);
