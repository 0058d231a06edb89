using System.Text.Json.Nodes;
using Workflows.Core.Runtime;

namespace Workflows.Core.Activities.BuiltIn;

/// <summary>
/// Elsa's Complete: signals the enclosing composite (a workflow used as an activity) to complete as a whole with the
/// given outcome or outcomes, which become the ports it leaves by in its parent. At the top level the workflow finishes.
/// </summary>
[Activity("Elsa", "Complete", Category = "Composition", Description = "Signals the current composite activity to complete itself as a whole.", IsTerminal = true)]
public sealed class Complete : Activity
{
    [Input(Description = "The outcome or set of outcomes to complete this activity with.", TypeName = "Object", UIHint = "outcome-picker", DefaultSyntax = "Object")]
    public JsonNode? Outcomes { get; set; }

    public override ValueTask ExecuteAsync(ActivityContext context)
    {
        context.CompleteComposite(Interpret(Outcomes));
        context.Complete();
        return ValueTask.CompletedTask;
    }

    /// <summary>A string is one outcome, an array several; anything else (nothing set) is <c>Done</c>, as in Elsa.</summary>
    public static IReadOnlyList<string> Interpret(JsonNode? outcomes) => outcomes switch
    {
        JsonValue v when v.TryGetValue<string>(out var single) && !string.IsNullOrWhiteSpace(single) => [single],
        JsonArray array when array.Count > 0 => array.Select(o => o is JsonValue s && s.TryGetValue<string>(out var text) ? text : o?.ToJsonString() ?? FlowPorts.Done).ToList(),
        _ => [FlowPorts.Done],
    };
}
