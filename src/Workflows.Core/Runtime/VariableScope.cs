using System.Text.Json.Nodes;
using Workflows.Core.Expressions;

namespace Workflows.Core.Runtime;

/// <summary>
/// Variables as seen from one activity instance: a local value on the instance or an ancestor (a
/// ParallelForEach iteration) wins over the workflow-level value. Values are converted to the declared type.
/// </summary>
internal sealed class VariableScope(WorkflowExecution execution, ActivityInstanceState instance) : IExpressionScope
{
    public string WorkflowInstanceId => execution.Record.Id;
    public string? CorrelationId => execution.Record.CorrelationId;
    public IEnumerable<string> VariableNames => execution.Model.Variables.Select(v => v.Name).Union(execution.Variables.Select(p => p.Key))
        .Union(execution.BodyOwner(instance)?.Locals.Select(p => p.Key).Where(k => !k.StartsWith('$')) ?? []);

    public IEnumerable<string> InputNames => execution.Model.Inputs.Select(i => i.Name).Union(execution.Input.Select(p => p.Key))
        .Union(BodyInput?.Select(p => p.Key) ?? []);

    public JsonNode? GetVariable(string name)
    {
        name = Resolve(name);
        return FindLocalOwner(name) is { } owner ? owner.Locals[name] : execution.Variables[name];
    }

    public void SetVariable(string name, JsonNode? value)
    {
        name = Resolve(name);
        value = ValueConverter.ToVariableType(value?.DeepClone(), execution.Model.FindVariable(name)?.TypeName);
        if (FindLocalOwner(name) is { } owner)
            owner.Locals[name] = value;
        else
            execution.Variables[name] = value;
    }

    /// <summary>Inside a workflow used as an activity, its own inputs (as Elsa declares them in the composite's scope) come first.</summary>
    public JsonNode? GetInput(string name) =>
        BodyInput is { } input && input.TryGetPropertyValue(name, out var value) ? value : execution.Input[name];

    private JsonObject? BodyInput => execution.BodyOwner(instance)?.Locals[BodyLocals.Input] as JsonObject;

    private string Resolve(string idOrName) => execution.Model.FindVariable(idOrName)?.Name ?? idOrName;

    private ActivityInstanceState? FindLocalOwner(string name)
    {
        for (var current = instance; current is not null;
             current = current.ParentId is null ? null : execution.State.Activities.GetValueOrDefault(current.ParentId))
            if (current.Locals.ContainsKey(name))
                return current;
        return null;
    }
}
