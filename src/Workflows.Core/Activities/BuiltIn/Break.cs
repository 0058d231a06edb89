using Workflows.Core.Runtime;

namespace Workflows.Core.Activities.BuiltIn;

/// <summary>
/// Breaks out of the nearest enclosing loop (While, For, ForEach, ParallelForEach): a terminal node, so the loop's body
/// ends at once, and the loop then completes instead of iterating again.
/// </summary>
[Activity("Elsa", "Break", Category = "Looping", Description = "Break out of a loop.", IsTerminal = true)]
public sealed class Break : Activity
{
    public override ValueTask ExecuteAsync(ActivityContext context)
    {
        if (!context.FlagAncestor(n => LoopScope.LoopTypes.Contains(n.Type), LoopScope.BreakingFlag))
            context.Log("Break", "No enclosing loop: Break only ends its container.");
        context.Complete();
        return ValueTask.CompletedTask;
    }
}
