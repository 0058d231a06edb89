using Workflows.Core.Runtime;

namespace Workflows.Core.Activities.BuiltIn;

/// <summary>Sets the name of the workflow instance (shown in instance lists).</summary>
[Activity("Elsa", "SetName", Category = "Primitives", Description = "Set the name of the workflow instance to a specified value.")]
public sealed class SetName : Activity
{
    [Input(Description = "The name to set.")]
    public string? Value { get; set; }

    public override ValueTask ExecuteAsync(ActivityContext context)
    {
        context.SetWorkflowName(Value);
        context.Complete();
        return ValueTask.CompletedTask;
    }
}
