using System.Text.Json.Nodes;
using Workflows.Core.Runtime;

namespace Workflows.Core.Activities.BuiltIn;

/// <summary>
/// Runs its body for all items at once (interleaved); each iteration sees its own CurrentValue (and
/// CurrentIndex) as scoped variables and in the variable the output is bound to. Break cancels the other iterations. Completes when every iteration completed.
/// </summary>
[Activity("Elsa", "ParallelForEach", Category = "Looping", Description = "Iterate over a list, all items in parallel.")]
[EmbeddedPort("Body")]
[FlowPort(FlowPorts.Done)]
public sealed class ParallelForEach : ItemsLoop
{
    [Output(Description = "The current item (per iteration).")]
    public JsonNode? CurrentValue { get; set; }

    public override ValueTask ExecuteAsync(ActivityContext context)
    {
        var body = context.GetEmbeddedChild("Body");
        var variable = context.GetBoundVariableName(nameof(CurrentValue));
        var index = 0;
        foreach (var item in ItemsToIterate())
        {
            context.SetOutput(nameof(CurrentValue), item);
            if (body is null)
                continue;
            var locals = LoopScope.Iteration(item, index++);
            if (variable is not null)
                locals[variable] = item?.DeepClone();
            context.ScheduleChild(body, locals);
        }
        if (context.ActiveChildren.Count == 0)
            context.Complete();
        return ValueTask.CompletedTask;
    }

    public override async ValueTask OnChildCompletedAsync(ActivityContext context, ChildCompletion child)
    {
        if (LoopScope.IsBreaking(context))
            await context.CancelChildrenAsync(_ => true);
        if (context.ActiveChildren.Count == 0)
            context.Complete();
    }
}
