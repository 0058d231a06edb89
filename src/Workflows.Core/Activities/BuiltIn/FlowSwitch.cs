using System.Text.Json.Nodes;
using Workflows.Core.Runtime;

namespace Workflows.Core.Activities.BuiltIn;

/// <summary>Continues on the label of the first matching case (MatchFirst) or of every match (MatchAny); Default when none.</summary>
[Activity("Elsa", "FlowSwitch", Category = "Branching", DisplayName = "Switch (flow)", Description = "Evaluate a set of case conditions and schedule the activity for a matching case.")]
[FlowPort("Default")]
public sealed class FlowSwitch : Activity
{
    public const string DefaultOutcome = "Default";

    [Input(Description = "The cases: a label (the outcome) and a condition each.", UIHint = "flow-switch-editor", IsWrapped = false, TypeName = "Object", Order = 0)]
    public JsonNode? Cases { get; set; }

    [Input(Description = "Schedule the first match only, or every match.", Order = 1, DefaultValueJson = "\"MatchFirst\"")]
    public SwitchMode Mode { get; set; }

    public override ValueTask ExecuteAsync(ActivityContext context)
    {
        var matching = SwitchCases.Matching(context, Cases, Mode);
        if (matching.Count == 0)
            context.Complete(DefaultOutcome);
        else
            context.CompleteWith(matching.Select(SwitchCases.Label));
        return ValueTask.CompletedTask;
    }
}
