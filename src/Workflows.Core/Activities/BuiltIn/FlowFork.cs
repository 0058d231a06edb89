namespace Workflows.Core.Activities.BuiltIn;

/// <summary>Continues on every listed branch at once (interleaved, single-threaded per instance).</summary>
[Activity("Elsa", "FlowFork", Category = "Flow", Description = "Fork into several branches.")]
public sealed class FlowFork : Activity
{
    [Input(Description = "The branch names (outcomes).", UIHint = "dynamic-outcomes", DefaultSyntax = "Object")]
    public List<string>? Branches { get; set; }

    public override ValueTask ExecuteAsync(Runtime.ActivityContext context)
    {
        if (Branches is { Count: > 0 })
            context.CompleteWith(Branches);
        else
            context.Complete();
        return ValueTask.CompletedTask;
    }
}
