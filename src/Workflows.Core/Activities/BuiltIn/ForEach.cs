using System.Text.Json.Nodes;
using Workflows.Core.Runtime;

namespace Workflows.Core.Activities.BuiltIn;

/// <summary>Runs its body once per item, one after the other; the current item is the CurrentValue output
/// and, for the body, the scoped variables CurrentValue and CurrentIndex. Break ends it.</summary>
[Activity("Elsa", "ForEach", Category = "Looping", Description = "Iterate over a list, one item at a time.")]
[EmbeddedPort("Body")]
[FlowPort(FlowPorts.Done)]
public sealed class ForEach : ItemsLoop
{
    [Output(Description = "The current item.")]
    public JsonNode? CurrentValue { get; set; }

    public override ValueTask ExecuteAsync(ActivityContext context)
    {
        var items = ItemsToIterate();
        context.Properties["items"] = items;
        context.Properties["index"] = 0;
        Next(context, items, 0);
        return ValueTask.CompletedTask;
    }

    public override ValueTask OnChildCompletedAsync(ActivityContext context, ChildCompletion child)
    {
        if (LoopScope.IsBreaking(context))
        {
            context.Complete();
            return ValueTask.CompletedTask;
        }
        var items = context.Properties["items"] as JsonArray ?? [];
        var index = (context.Properties["index"]?.GetValue<int>() ?? 0) + 1;
        context.Properties["index"] = index;
        Next(context, items, index);
        return ValueTask.CompletedTask;
    }

    private static void Next(ActivityContext context, JsonArray items, int index)
    {
        var body = context.GetEmbeddedChild("Body");
        for (; index < items.Count; index++)
        {
            context.Properties["index"] = index;
            context.SetOutput(nameof(CurrentValue), items[index]);
            LoopScope.Enter(context, items[index], index);
            if (body is not null)
            {
                context.ScheduleChild(body);
                return;
            }
        }
        context.Complete();
    }
}
