using System.Text.Json.Nodes;
using Acornima;
using Jint;
using Jint.Native;
using Jint.Native.Json;
using Jint.Runtime;

namespace Workflows.Core.Expressions;

/// <summary>
/// Runs JavaScript expressions with Jint in a sandbox: no CLR access, time, memory, statement and recursion
/// limits. Provides Elsa's helpers: getVariable/setVariable/getInput and get&lt;Name&gt;/set&lt;Name&gt; per variable
/// and get&lt;Name&gt; per workflow input. A top-level <c>return</c> is allowed (<c>return getInput1()</c>).
/// </summary>
public sealed class JavaScriptEvaluator(JavaScriptOptions options)
{
    private static readonly ScriptParsingOptions ParsingOptions = new() { AllowReturnOutsideFunction = true };

    public JsonNode? Evaluate(string script, IExpressionScope scope, CancellationToken cancellationToken)
    {
        var engine = new Engine(o => o
            .TimeoutInterval(options.Timeout)
            .LimitMemory(options.MemoryLimitBytes)
            .LimitRecursion(options.RecursionLimit)
            .MaxStatements(options.MaxStatements)
            .CancellationToken(cancellationToken));
        DefineHelpers(engine, scope);
        try
        {
            var result = engine.Evaluate(script, ParsingOptions);
            return ToJsonNode(engine, result);
        }
        catch (Exception e) when (e is JavaScriptException or ParseErrorException or StatementsCountOverflowException
                                      or MemoryLimitExceededException or RecursionDepthOverflowException or TimeoutException
                                      or ExecutionCanceledException)
        {
            cancellationToken.ThrowIfCancellationRequested();
            throw new ExpressionException($"JavaScript error in '{script}': {e.Message}", e);
        }
    }

    /// <summary>Returns the syntax error of <paramref name="script"/>, or null when it parses.</summary>
    public static string? FindSyntaxError(string script)
    {
        try
        {
            new Parser(new ParserOptions { AllowReturnOutsideFunction = true }).ParseScript(script);
            return null;
        }
        catch (ParseErrorException e)
        {
            return e.Message;
        }
    }

    private static void DefineHelpers(Engine engine, IExpressionScope scope)
    {
        engine.SetValue("getVariable", new Func<string, JsValue>(name => ToJsValue(engine, scope.GetVariable(name))));
        engine.SetValue("setVariable", new Action<string, JsValue>((name, value) => scope.SetVariable(name, ToJsonNode(engine, value))));
        engine.SetValue("getInput", new Func<string, JsValue>(name => ToJsValue(engine, scope.GetInput(name))));
        engine.SetValue("getWorkflowInstanceId", new Func<string>(() => scope.WorkflowInstanceId));
        engine.SetValue("getCorrelationId", new Func<string?>(() => scope.CorrelationId));
        foreach (var name in scope.InputNames.Where(IsIdentifier))
            engine.SetValue($"get{name}", new Func<JsValue>(() => ToJsValue(engine, scope.GetInput(name))));
        foreach (var name in scope.VariableNames.Where(IsIdentifier))
        {
            engine.SetValue($"get{name}", new Func<JsValue>(() => ToJsValue(engine, scope.GetVariable(name))));
            engine.SetValue($"set{name}", new Action<JsValue>(value => scope.SetVariable(name, ToJsonNode(engine, value))));
        }
    }

    private static bool IsIdentifier(string name) =>
        name.Length > 0 && (char.IsLetter(name[0]) || name[0] == '_') && name.All(c => char.IsLetterOrDigit(c) || c == '_');

    private static JsValue ToJsValue(Engine engine, JsonNode? node) =>
        node is null ? JsValue.Null : new JsonParser(engine).Parse(node.ToJsonString());

    private static JsonNode? ToJsonNode(Engine engine, JsValue value)
    {
        if (value.IsUndefined() || value.IsNull())
            return null;
        if (value.IsString())
            return JsonValue.Create(value.AsString());
        if (value.IsBoolean())
            return JsonValue.Create(value.AsBoolean());
        if (value.IsNumber())
        {
            var number = value.AsNumber();
            return number == Math.Floor(number) && Math.Abs(number) < long.MaxValue ? JsonValue.Create((long)number) : JsonValue.Create(number);
        }
        var json = new JsonSerializer(engine).Serialize(value);
        return json.IsUndefined() ? null : JsonNode.Parse(json.AsString());
    }
}
