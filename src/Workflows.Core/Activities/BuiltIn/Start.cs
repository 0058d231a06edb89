namespace Workflows.Core.Activities.BuiltIn;

/// <summary>Marks where a flowchart starts.</summary>
[Activity("Elsa", "Start", Category = "Flow", Description = "The start of a flowchart.", IsStart = true)]
public sealed class Start : Activity
{
    public override ValueTask ExecuteAsync(Runtime.ActivityContext context)
    {
        context.Complete();
        return ValueTask.CompletedTask;
    }
}
