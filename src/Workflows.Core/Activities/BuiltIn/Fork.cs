using System.Text.Json.Nodes;
using Workflows.Core.Definitions;
using Workflows.Core.Runtime;

namespace Workflows.Core.Activities.BuiltIn;

/// <summary>
/// Runs its branches at once (interleaved) and completes when all did (WaitAll, the default) or when the first did,
/// cancelling the others (WaitAny).
/// </summary>
[Activity("Elsa", "Fork", Category = "Control Flow", Description = "Branch execution into multiple branches.")]
[FlowPort(FlowPorts.Done)]
public sealed class Fork : Activity
{
    [Input(Description = "Complete when all branches completed, or on the first.", IsWrapped = false, DefaultValueJson = "\"WaitAll\"")]
    public ForkJoinMode JoinMode { get; set; } = ForkJoinMode.WaitAll;

    private const string WaitAnyKey = "waitAny";

    public override ValueTask ExecuteAsync(ActivityContext context)
    {
        context.Properties[WaitAnyKey] = JoinMode == ForkJoinMode.WaitAny; // later calls get a fresh object without inputs
        var branches = Branches(context.Node.Json["branches"], context);
        foreach (var branch in branches)
            context.ScheduleChild(branch);
        if (branches.Count == 0)
            context.Complete();
        return ValueTask.CompletedTask;
    }

    public override async ValueTask OnChildCompletedAsync(ActivityContext context, ChildCompletion child)
    {
        if (context.Properties[WaitAnyKey]?.GetValue<bool>() == true)
        {
            await context.CancelChildrenAsync(_ => true);
            context.Complete();
        }
        else if (context.ActiveChildren.Count == 0)
            context.Complete();
    }

    internal static IReadOnlyList<ActivityNode> Branches(JsonNode? activities, ActivityContext context) =>
        (activities as JsonArray ?? []).OfType<JsonObject>().Where(ActivityJson.IsActivity).Select(context.GetChildNode).OfType<ActivityNode>().ToList();
}
