using System.Dynamic;
using System.Text.Json.Nodes;

namespace Workflows.Core.Expressions;

/// <summary>
/// The globals a C# expression sees, named as in Elsa's C# module: <c>Variable</c> (<c>Variable.Get("X")</c>,
/// <c>Variable.Set("X", v)</c>, <c>Variable.X</c>), <c>Input</c> (<c>Input.Get("X")</c>, <c>Input.X</c>), <c>Output</c>
/// (<c>Output.From("activity")</c>, <c>Output.LastResult</c>), <c>WorkflowInstanceId</c>, <c>CorrelationId</c> (settable),
/// <c>WorkflowDefinitionId</c>. Values are plain CLR values: objects are <see cref="ExpandoObject"/>s, arrays lists.
/// </summary>
public sealed class CSharpGlobals(IExpressionScope scope)
{
    public dynamic Variable { get; } = new CSharpVariables(scope);
    public dynamic Input { get; } = new CSharpInputs(scope);
    public CSharpOutputs Output { get; } = new(scope);
    public string WorkflowInstanceId => scope.WorkflowInstanceId;
    public string? WorkflowDefinitionId => scope.WorkflowDefinitionId;
    public int WorkflowDefinitionVersion => scope.WorkflowDefinitionVersion;
    public string? ActivityId => scope.ActivityId;

    /// <summary>In RunCSharp: continue on this outcome (one of the activity's PossibleOutcomes).</summary>
    public void SetOutcome(string outcome) => Script.SetOutcomes([outcome]);

    /// <summary>In RunCSharp: continue on these outcomes.</summary>
    public void SetOutcomes(params string[] outcomes) => Script.SetOutcomes(outcomes);

    private ScriptScope Script => scope as ScriptScope
        ?? throw new ExpressionException("SetOutcome is only available in a RunCSharp script.");

    public string? CorrelationId
    {
        get => scope.CorrelationId;
        set => scope.SetCorrelationId(value);
    }
}

/// <summary>Workflow variables for C#: <c>Get</c>/<c>Set</c> by name, or as members (<c>Variable.Counter</c>).</summary>
public sealed class CSharpVariables(IExpressionScope scope) : DynamicObject
{
    public object? Get(string name) => JsonClr.ToClr(scope.GetVariable(name));
    public T? Get<T>(string name) => (T?)ValueConverter.ToClr(scope.GetVariable(name), typeof(T));
    public void Set(string name, object? value) => scope.SetVariable(name, JsonClr.ToJson(value));

    public override bool TryGetMember(GetMemberBinder binder, out object? result)
    {
        result = Get(binder.Name);
        return true;
    }

    public override bool TrySetMember(SetMemberBinder binder, object? value)
    {
        Set(binder.Name, value);
        return true;
    }

    public override IEnumerable<string> GetDynamicMemberNames() => scope.VariableNames;
}

/// <summary>Workflow inputs for C#: <c>Get</c> by name, or as members (<c>Input.Recipe</c>).</summary>
public sealed class CSharpInputs(IExpressionScope scope) : DynamicObject
{
    public object? Get(string name) => JsonClr.ToClr(scope.GetInput(name));
    public T? Get<T>(string name) => (T?)ValueConverter.ToClr(scope.GetInput(name), typeof(T));

    public override bool TryGetMember(GetMemberBinder binder, out object? result)
    {
        result = Get(binder.Name);
        return true;
    }

    public override IEnumerable<string> GetDynamicMemberNames() => scope.InputNames;
}

/// <summary>Outputs of activities that already ran: <c>Output.From("activity", "Output")</c>, <c>Output.LastResult</c>.</summary>
public sealed class CSharpOutputs(IExpressionScope scope)
{
    public object? From(string activityIdOrName, string? outputName = null) => JsonClr.ToClr(scope.GetActivityOutput(activityIdOrName, outputName));
    public object? LastResult => JsonClr.ToClr(scope.LastResult);
}
