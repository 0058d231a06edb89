namespace Workflows.Core.Activities.BuiltIn;

/// <summary>Completes the enclosing flowchart immediately, cancelling its other branches.</summary>
[Activity("Elsa", "End", Category = "Flow", Description = "Ends the enclosing flowchart.", IsTerminal = true)]
public sealed class End : Activity
{
    public override ValueTask ExecuteAsync(Runtime.ActivityContext context)
    {
        context.Complete();
        return ValueTask.CompletedTask;
    }
}
