using Workflows.Core.Runtime;

namespace Workflows.Core.Activities.BuiltIn;

/// <summary>
/// Runs its body while the condition holds; the condition is evaluated again before every iteration. The body sees
/// CurrentIndex (the iteration, from 0). A Break in the body ends the loop.
/// </summary>
[Activity("Elsa", "While", Category = "Looping", Description = "Execute an activity while a given condition evaluates to true.")]
[EmbeddedPort("Body")]
[FlowPort(FlowPorts.Done)]
public sealed class While : Activity
{
    private const string IterationKey = "iteration";

    [Input(Description = "Evaluated before each iteration; the loop ends when it is false.", UIHint = "singleline")]
    public bool Condition { get; set; }

    public override ValueTask ExecuteAsync(ActivityContext context)
    {
        Iterate(context, Condition, 0);
        return ValueTask.CompletedTask;
    }

    public override ValueTask OnChildCompletedAsync(ActivityContext context, ChildCompletion child)
    {
        var iteration = (context.Properties[IterationKey]?.GetValue<int>() ?? 0) + 1;
        var holds = !LoopScope.IsBreaking(context) && context.EvaluateInput<bool>(nameof(Condition));
        Iterate(context, holds, iteration);
        return ValueTask.CompletedTask;
    }

    private static void Iterate(ActivityContext context, bool holds, int iteration)
    {
        var body = context.GetEmbeddedChild("Body");
        if (!holds || body is null)
        {
            context.Complete();
            return;
        }
        context.Properties[IterationKey] = iteration;
        context.SetLocalVariable(LoopScope.CurrentIndex, iteration);
        context.ScheduleChild(body);
    }
}
