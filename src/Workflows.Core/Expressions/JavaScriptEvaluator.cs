using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Acornima;
using Jint;
using Jint.Native;
using Jint.Native.Json;
using Jint.Runtime;

namespace Workflows.Core.Expressions;

/// <summary>
/// Runs JavaScript expressions with Jint in a sandbox: no CLR access; time, statement, recursion, memory (strings and
/// arrays included, see <see cref="JavaScriptAllocationGuards"/>) and regex limits; a native-stack guard so no
/// recursion, also inside built-ins (JSON.stringify, String(), Proxy traps), can overflow the stack and end the
/// process; at most <see cref="JavaScriptOptions.MaxConcurrency"/> evaluations at once per evaluator (one per server).
/// Provides Elsa's documented functions (<see cref="JavaScriptFunctions"/>). A top-level <c>return</c> is allowed
/// (<c>return getInput1()</c>).
/// </summary>
public sealed class JavaScriptEvaluator(JavaScriptOptions options)
{
    private readonly JavaScriptSlots _slots = new(options.MaxConcurrency);
    private readonly ScriptParsingOptions _parsing = new() { AllowReturnOutsideFunction = true, RegexTimeout = options.EffectiveRegexTimeout };

    public JsonNode? Evaluate(string script, IExpressionScope scope, CancellationToken cancellationToken)
    {
        JavaScriptAllocationGuards.WarmUp();
        using var slot = _slots.Enter(options.Timeout, cancellationToken);
        var engine = new Engine(o =>
        {
            o.TimeoutInterval(options.Timeout)
                .LimitMemory(options.MemoryLimitBytes)
                .LimitRecursion(options.RecursionLimit)
                .MaxStatements(options.MaxStatements)
                .CancellationToken(cancellationToken);
            // Measures the native stack left at every entry into script and in Jint's recursive built-ins: a recursion
            // ends in a catchable RangeError instead of a stack overflow that kills the process.
            o.Constraints.StackOverflowGuard = true;
            o.Constraints.RegexTimeout = options.EffectiveRegexTimeout;
            o.Constraints.MaxArraySize = options.MaxArrayLength;
        });
        try
        {
            JavaScriptAllocationGuards.Install(engine, options.MemoryLimitBytes, options.MaxArrayLength);
            JavaScriptFunctions.Define(engine, scope);
            var started = Stopwatch.GetTimestamp();
            var result = engine.Evaluate(script, _parsing);
            // Jint checks its time limit between statements, driven by a timer that a busy machine can fire late; a
            // script that ended after its limit (say, blocked inside a host function) fails all the same.
            if (Stopwatch.GetElapsedTime(started) > options.Timeout)
                throw new TimeoutException();
            return ToJsonNode(engine, result);
        }
        catch (Exception e) when (e is JavaScriptException or ParseErrorException or StatementsCountOverflowException
                                      or MemoryLimitExceededException or RecursionDepthOverflowException or TimeoutException
                                      or RegexMatchTimeoutException or ExecutionCanceledException or JsonException
                                      or OutOfMemoryException or InsufficientExecutionStackException)
        {
            cancellationToken.ThrowIfCancellationRequested();
            throw new ExpressionException($"JavaScript error in '{Abbreviate(script)}': {Reason(e)}", e);
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

    /// <summary>What went wrong, naming the limit and its configuration key when a limit was hit.</summary>
    private string Reason(Exception e) => e switch
    {
        MemoryLimitExceededException => $"{e.Message} (memory limit {options.MemoryLimitBytes} bytes, Workflows:JavaScript:MemoryLimitMegabytes)",
        OutOfMemoryException => $"out of memory (memory limit {options.MemoryLimitBytes} bytes, Workflows:JavaScript:MemoryLimitMegabytes)",
        RegexMatchTimeoutException r => $"the regular expression /{r.Pattern}/ ran longer than its time limit of " +
                                         $"{options.EffectiveRegexTimeout.TotalMilliseconds:0} ms (Workflows:JavaScript:RegexTimeoutMilliseconds)",
        TimeoutException => $"the script ran longer than its time limit of {options.Timeout.TotalMilliseconds:0} ms (Workflows:JavaScript:TimeoutMilliseconds)",
        StatementsCountOverflowException => $"{e.Message} (at most {options.MaxStatements} statements, Workflows:JavaScript:MaxStatements)",
        RecursionDepthOverflowException => $"{e.Message} (recursion limit {options.RecursionLimit}, Workflows:JavaScript:RecursionLimit)",
        InsufficientExecutionStackException => "Maximum call stack size exceeded (the script recursed too deep)",
        JsonException => $"its result cannot be stored as JSON: {e.Message}",
        _ => e.Message,
    };

    private static string Abbreviate(string script) => script.Length <= 200 ? script : script[..200] + "...";

    internal static JsValue ToJsValue(Engine engine, JsonNode? node) =>
        node is null ? JsValue.Null : new JsonParser(engine).Parse(node.ToJsonString());

    internal static JsonNode? ToJsonNode(Engine engine, JsValue value)
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
        // Through the guarded JSON.stringify: the result's size is checked against the memory limit as it is built.
        var json = engine.Invoke(engine.Evaluate("JSON.stringify"), value);
        return json.IsUndefined() ? null : JsonNode.Parse(json.AsString());
    }
}
