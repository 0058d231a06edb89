using System.Text.Json.Nodes;
using Workflows.Core.Runtime;

namespace Workflows.Core.Activities.BuiltIn;

/// <summary>
/// Completes the enclosing composite (its flowchart or sequence, and so a workflow used as an activity) with the given
/// outcomes: a terminal node whose outcomes become the container's.
/// </summary>
[Activity("Elsa", "Complete", Category = "Composition", Description = "Signals the current composite activity to complete itself as a whole.", IsTerminal = true)]
public sealed class Complete : Activity
{
    [Input(Description = "The outcome or outcomes to complete with.", UIHint = "outcome-picker", TypeName = "Object", DefaultSyntax = "Object")]
    public JsonNode? Outcomes { get; set; }

    public override ValueTask ExecuteAsync(ActivityContext context)
    {
        context.CompleteWith(Interpret(Outcomes));
        return ValueTask.CompletedTask;
    }

    /// <summary>A string, an array of strings, or JSON text of one; nothing means Done.</summary>
    internal static IReadOnlyList<string> Interpret(JsonNode? outcomes)
    {
        var names = outcomes switch
        {
            JsonArray array => array.Select(o => o is JsonValue v && v.TryGetValue<string>(out var s) ? s : o?.ToJsonString()).OfType<string>().ToList(),
            JsonValue v when v.TryGetValue<string>(out var text) && text.TrimStart().StartsWith('[') => Interpret(JsonNode.Parse(text)).ToList(),
            JsonValue v when v.TryGetValue<string>(out var text) => [text],
            null => [],
            _ => [outcomes.ToJsonString()],
        };
        names = names.Where(n => !string.IsNullOrWhiteSpace(n)).ToList();
        return names.Count == 0 ? ["Done"] : names;
    }
}
