namespace Workflows.Core.Activities.BuiltIn;

/// <summary>Finishes the whole workflow immediately, cancelling everything still running.</summary>
[Activity("Elsa", "Finish", Category = "Primitives", Description = "Marks the workflow as finished.", IsTerminal = true)]
public sealed class Finish : Activity
{
    public override ValueTask ExecuteAsync(Runtime.ActivityContext context)
    {
        context.FinishWorkflow();
        context.Complete();
        return ValueTask.CompletedTask;
    }
}
