namespace Workflows.Core.Activities.BuiltIn;

/// <summary>Continues on True or False.</summary>
[Activity("Elsa", "FlowDecision", Category = "Branching", Description = "Branch on a condition: True or False.")]
[FlowPort("True")]
[FlowPort("False")]
public sealed class FlowDecision : Activity
{
    [Input(Description = "The condition to evaluate.")]
    public bool Condition { get; set; }

    public override ValueTask ExecuteAsync(Runtime.ActivityContext context)
    {
        context.Complete(Condition ? "True" : "False");
        return ValueTask.CompletedTask;
    }
}
