using System.Text.Json.Nodes;
using Workflows.Core.Definitions;
using Workflows.Core.Runtime;

namespace Workflows.Core.Activities.BuiltIn;

/// <summary>
/// Runs its activities one after the other (Elsa's Sequence; also a definition's root). Its <c>variables</c> are
/// scoped to it. A Break, End or Complete among its activities completes it early (Complete with its outcomes).
/// </summary>
[Activity("Elsa", "Sequence", Category = "Workflows", Description = "Execute a set of activities in sequence.")]
[FlowPort(FlowPorts.Done)]
public sealed class Sequence : Activity
{
    private const string IndexKey = "index";

    public override ValueTask ExecuteAsync(ActivityContext context)
    {
        ContainerVariables.Declare(context);
        Next(context, 0);
        return ValueTask.CompletedTask;
    }

    public override ValueTask OnChildCompletedAsync(ActivityContext context, ChildCompletion child)
    {
        if (TerminalNodes.Ends(child.Node))
        {
            context.CompleteWith(TerminalNodes.OutcomesOf(child));
            return ValueTask.CompletedTask;
        }
        Next(context, (context.Properties[IndexKey]?.GetValue<int>() ?? 0) + 1);
        return ValueTask.CompletedTask;
    }

    private static void Next(ActivityContext context, int index)
    {
        var activities = Children(context);
        if (index >= activities.Count)
        {
            context.Complete();
            return;
        }
        context.Properties[IndexKey] = index;
        context.ScheduleChild(activities[index]);
    }

    internal static IReadOnlyList<ActivityNode> Children(ActivityContext context) =>
        (context.Node.Json["activities"] as JsonArray ?? [])
            .OfType<JsonObject>()
            .Where(ActivityJson.IsActivity)
            .Select(context.GetChildNode)
            .OfType<ActivityNode>()
            .ToList();
}
