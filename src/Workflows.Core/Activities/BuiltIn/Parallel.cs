using Workflows.Core.Runtime;

namespace Workflows.Core.Activities.BuiltIn;

/// <summary>Runs all its activities at once (interleaved, one thread per instance) and completes when every one did.</summary>
[Activity("Elsa", "Parallel", Category = "Workflows", Description = "Execute a set of activities in parallel.")]
[FlowPort(FlowPorts.Done)]
public sealed class Parallel : Activity
{
    public override ValueTask ExecuteAsync(ActivityContext context)
    {
        ContainerVariables.Declare(context);
        var activities = Fork.Branches(context.Node.Json["activities"], context);
        foreach (var activity in activities)
            context.ScheduleChild(activity);
        if (activities.Count == 0)
            context.Complete();
        return ValueTask.CompletedTask;
    }

    public override ValueTask OnChildCompletedAsync(ActivityContext context, ChildCompletion child)
    {
        if (context.ActiveChildren.Count == 0)
            context.Complete();
        return ValueTask.CompletedTask;
    }
}
