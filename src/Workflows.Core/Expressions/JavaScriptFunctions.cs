using System.Text.Json.Nodes;
using Jint;
using Jint.Native;

namespace Workflows.Core.Expressions;

/// <summary>
/// The globals Elsa 3 documents for JavaScript expressions, defined on one Jint engine per evaluation: variables
/// (getVariable/setVariable, get&lt;Name&gt;/set&lt;Name&gt;, the <c>variables</c> object), workflow inputs, the instance
/// (ids, correlation id), activity outputs (getOutputFrom, getLastResult), loop items (getCurrentValue, read from
/// the loop-scoped variable <c>CurrentValue</c>) and small helpers (isNullOrWhiteSpace, newGuid, JSON).
/// </summary>
internal static class JavaScriptFunctions
{
    /// <summary>Builds <c>variables</c>: one accessor property per variable, reading and writing through the scope.</summary>
    private const string VariablesObjectFactory =
        "(function (names) { const o = {}; for (const n of names) Object.defineProperty(o, n, " +
        "{ get() { return getVariable(n); }, set(v) { setVariable(n, v); }, enumerable: true }); return o; })";

    public static void Define(Engine engine, IExpressionScope scope)
    {
        DefineVariablesAndInputs(engine, scope);
        DefineInstance(engine, scope);
        if (scope is ScriptScope script)
        {
            engine.SetValue("setOutcome", new Action<string>(outcome => script.SetOutcomes([outcome])));
            engine.SetValue("setOutcomes", new Action<string[]>(outcomes => script.SetOutcomes(outcomes)));
        }
        engine.SetValue("getOutputFrom", new Func<string, string?, JsValue>((activity, output) =>
            JavaScriptEvaluator.ToJsValue(engine, scope.GetActivityOutput(activity, output))));
        engine.SetValue("getLastResult", new Func<JsValue>(() => JavaScriptEvaluator.ToJsValue(engine, scope.LastResult)));
        engine.SetValue("getCurrentValue", new Func<JsValue>(() => JavaScriptEvaluator.ToJsValue(engine, scope.GetVariable("CurrentValue"))));
        engine.SetValue("getCurrentIndex", new Func<JsValue>(() => JavaScriptEvaluator.ToJsValue(engine, scope.GetVariable("CurrentIndex"))));
        engine.SetValue("isNullOrWhiteSpace", new Func<JsValue, bool>(v => v.IsNull() || v.IsUndefined() || string.IsNullOrWhiteSpace(v.ToString())));
        engine.SetValue("isNullOrEmpty", new Func<JsValue, bool>(v => v.IsNull() || v.IsUndefined() || v.ToString().Length == 0));
        engine.SetValue("newGuid", new Func<string>(() => Guid.NewGuid().ToString()));
        engine.SetValue("newGuidString", new Func<string>(() => Guid.NewGuid().ToString()));
        engine.SetValue("newShortGuid", new Func<string>(() => Guid.NewGuid().ToString("N")[..12]));
        engine.SetValue("parseGuid", new Func<string, string>(s => Guid.Parse(s).ToString()));
        // Elsa's JSON helpers; they go through the guarded JSON built-ins, so the memory limit applies.
        engine.Execute("var jsonParse = (s) => JSON.parse(s); var jsonStringify = (v) => JSON.stringify(v); var toJson = (v) => JSON.stringify(v);");
    }

    private static void DefineVariablesAndInputs(Engine engine, IExpressionScope scope)
    {
        engine.SetValue("getVariable", new Func<string, JsValue>(name => JavaScriptEvaluator.ToJsValue(engine, scope.GetVariable(name))));
        engine.SetValue("setVariable", new Action<string, JsValue>((name, value) => scope.SetVariable(name, JavaScriptEvaluator.ToJsonNode(engine, value))));
        engine.SetValue("getInput", new Func<string, JsValue>(name => JavaScriptEvaluator.ToJsValue(engine, scope.GetInput(name))));
        foreach (var name in scope.InputNames.Where(IsIdentifier))
            engine.SetValue($"get{name}", new Func<JsValue>(() => JavaScriptEvaluator.ToJsValue(engine, scope.GetInput(name))));
        var variableNames = scope.VariableNames.Where(IsIdentifier).Distinct(StringComparer.Ordinal).ToList();
        foreach (var name in variableNames)
        {
            engine.SetValue($"get{name}", new Func<JsValue>(() => JavaScriptEvaluator.ToJsValue(engine, scope.GetVariable(name))));
            engine.SetValue($"set{name}", new Action<JsValue>(value => scope.SetVariable(name, JavaScriptEvaluator.ToJsonNode(engine, value))));
        }
        var names = JavaScriptEvaluator.ToJsValue(engine, new JsonArray(variableNames.Select(n => (JsonNode?)JsonValue.Create(n)).ToArray()));
        engine.SetValue("variables", engine.Invoke(engine.Evaluate(VariablesObjectFactory), names));
    }

    private static void DefineInstance(Engine engine, IExpressionScope scope)
    {
        engine.SetValue("getWorkflowInstanceId", new Func<string>(() => scope.WorkflowInstanceId));
        engine.SetValue("getCorrelationId", new Func<string?>(() => scope.CorrelationId));
        engine.SetValue("setCorrelationId", new Action<string?>(scope.SetCorrelationId));
        engine.SetValue("getWorkflowDefinitionId", new Func<string?>(() => scope.WorkflowDefinitionId));
        engine.SetValue("getWorkflowDefinitionVersionId", new Func<string?>(() => scope.WorkflowDefinitionVersionId));
        engine.SetValue("getWorkflowDefinitionVersion", new Func<int>(() => scope.WorkflowDefinitionVersion));
        engine.SetValue("getActivityId", new Func<string?>(() => scope.ActivityId));
    }

    private static bool IsIdentifier(string name) =>
        name.Length > 0 && (char.IsLetter(name[0]) || name[0] == '_') && name.All(c => char.IsLetterOrDigit(c) || c == '_');
}
