using System.Text.Json.Nodes;
using Workflows.Core.Runtime;

namespace Workflows.Core.Activities.BuiltIn;

/// <summary>Runs the activity of the first matching case (or of every match), else Default; completes when they did.</summary>
[Activity("Elsa", "Switch", Category = "Branching", Description = "Evaluate a set of case conditions and schedule the activity for a matching case.")]
[EmbeddedPort("Default")]
[FlowPort(FlowPorts.Done)]
public sealed class Switch : Activity
{
    [Input(Description = "The cases: a label, a condition and an activity each.", UIHint = "switch-editor", IsWrapped = false, TypeName = "Object", Order = 0)]
    public JsonNode? Cases { get; set; }

    [Input(Description = "Schedule the first match only, or every match.", Order = 1, DefaultValueJson = "\"MatchFirst\"")]
    public SwitchMode Mode { get; set; }

    public override ValueTask ExecuteAsync(ActivityContext context)
    {
        var matching = SwitchCases.Matching(context, Cases, Mode);
        var activities = matching.Count > 0
            ? matching.Select(c => context.GetChildNode(c["activity"] as JsonObject)).OfType<Definitions.ActivityNode>().ToList()
            : context.GetEmbeddedChild("Default") is { } fallback ? [fallback] : [];
        foreach (var activity in activities)
            context.ScheduleChild(activity);
        if (activities.Count == 0)
            context.Complete();
        return ValueTask.CompletedTask;
    }

    public override ValueTask OnChildCompletedAsync(ActivityContext context, ChildCompletion child)
    {
        if (context.ActiveChildren.Count == 0)
            context.Complete();
        return ValueTask.CompletedTask;
    }
}
