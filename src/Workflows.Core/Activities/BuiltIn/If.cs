using Workflows.Core.Runtime;

namespace Workflows.Core.Activities.BuiltIn;

/// <summary>Runs Then or Else by a condition and completes when that branch did; Result holds the condition.</summary>
[Activity("Elsa", "If", Category = "Branching", Description = "Evaluate a Boolean condition to determine which activity to execute next.")]
[EmbeddedPort("Then")]
[EmbeddedPort("Else")]
[FlowPort(FlowPorts.Done)]
public sealed class If : Activity
{
    [Input(Description = "The condition to evaluate.", UIHint = "singleline")]
    public bool Condition { get; set; }

    [Output(Description = "The value of the condition.")]
    public bool Result { get; set; }

    public override ValueTask ExecuteAsync(ActivityContext context)
    {
        context.SetOutput(nameof(Result), Condition);
        if (context.GetEmbeddedChild(Condition ? "Then" : "Else") is { } branch)
            context.ScheduleChild(branch);
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
