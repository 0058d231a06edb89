using Workflows.Core.Runtime;

namespace Workflows.Core.Activities.BuiltIn;

/// <summary>A container that runs its Body and completes when it did (Elsa's FlowNode, shown as "Container").</summary>
[Activity("Elsa", "FlowNode", Category = "Flow", DisplayName = "Container", Description = "A simple container that executes the specified activity.")]
[EmbeddedPort("Body")]
[FlowPort(FlowPorts.Done)]
public sealed class FlowNode : Activity
{
    public override ValueTask ExecuteAsync(ActivityContext context)
    {
        if (context.GetEmbeddedChild("Body") is { } body)
            context.ScheduleChild(body);
        else
            context.Complete();
        return ValueTask.CompletedTask;
    }

    public override ValueTask OnChildCompletedAsync(ActivityContext context, ChildCompletion child)
    {
        context.Complete();
        return ValueTask.CompletedTask;
    }
}
