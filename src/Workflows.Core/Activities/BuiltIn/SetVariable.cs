using System.Text.Json.Nodes;
using Workflows.Core.Definitions;

namespace Workflows.Core.Activities.BuiltIn;

/// <summary>Assigns a value to a workflow variable. <c>variable</c> is an inline reference <c>{"id","name",...}</c>.</summary>
[Activity("Elsa", "SetVariable", Category = "Primitives", Description = "Assign a value to a workflow variable.")]
public sealed class SetVariable : Activity
{
    [Input(Description = "The variable to assign.", IsWrapped = false, UIHint = "variable-picker", TypeName = "Object", Order = 0)]
    public JsonNode? Variable { get; set; }

    [Input(Description = "The value to assign.", TypeName = "Object", Order = 1)]
    public JsonNode? Value { get; set; }

    public override ValueTask ExecuteAsync(Runtime.ActivityContext context)
    {
        var name = Variable switch
        {
            JsonObject o => ActivityJson.GetString(o, "name") ?? ActivityJson.GetString(o, "id"),
            JsonValue v when v.TryGetValue<string>(out var s) => s,
            _ => null,
        } ?? throw new InvalidOperationException($"SetVariable '{context.Node.Id}' names no variable.");
        context.SetVariable(name, Value);
        context.Complete();
        return ValueTask.CompletedTask;
    }
}
