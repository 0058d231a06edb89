using System.Text.Json.Nodes;
using Workflows.Core.Runtime;

namespace Workflows.Core.Activities.BuiltIn;

/// <summary>
/// Counts from Start to End by Step (negative counts down; End included unless OuterBoundInclusive is false) and runs
/// its body for each value; the body sees it as CurrentValue (and its position as CurrentIndex). Break ends the loop.
/// </summary>
[Activity("Elsa", "For", Category = "Looping", Description = "Iterate over a sequence of steps between a start and an end number.")]
[EmbeddedPort("Body")]
[FlowPort(FlowPorts.Done)]
public sealed class For : Activity
{
    private const string StepKey = "currentStep";
    private const string IndexKey = "index";
    private const string BoundsKey = "bounds";

    [Input(Description = "The start step.", Order = 0, DefaultValueJson = "0")]
    public int Start { get; set; }

    [Input(Description = "The end step.", Order = 1, DefaultValueJson = "0")]
    public int End { get; set; }

    [Input(Description = "The step size. To count down, enter a negative number.", Order = 2, DefaultValueJson = "1")]
    public int Step { get; set; } = 1;

    [Input(Description = "Whether the end step is included (true by default).", Order = 3, DefaultValueJson = "true")]
    public bool OuterBoundInclusive { get; set; } = true;

    [Output(Description = "The current value.")]
    public int CurrentValue { get; set; }

    public override ValueTask ExecuteAsync(ActivityContext context)
    {
        // A composite's later calls get a fresh object without inputs: the bounds are kept with the instance.
        context.Properties[BoundsKey] = new JsonObject { [nameof(End)] = End, [nameof(Step)] = Step, [nameof(OuterBoundInclusive)] = OuterBoundInclusive };
        Iterate(context, Start, 0);
        return ValueTask.CompletedTask;
    }

    public override ValueTask OnChildCompletedAsync(ActivityContext context, ChildCompletion child)
    {
        if (LoopScope.IsBreaking(context))
        {
            context.Complete();
            return ValueTask.CompletedTask;
        }
        var bounds = context.Properties[BoundsKey]!;
        End = bounds[nameof(End)]!.GetValue<int>();
        Step = bounds[nameof(Step)]!.GetValue<int>();
        OuterBoundInclusive = bounds[nameof(OuterBoundInclusive)]!.GetValue<bool>();
        var current = context.Properties[StepKey]!.GetValue<int>() + Step;
        Iterate(context, current, context.Properties[IndexKey]!.GetValue<int>() + 1);
        return ValueTask.CompletedTask;
    }

    private void Iterate(ActivityContext context, int current, int index)
    {
        var body = context.GetEmbeddedChild("Body");
        if (body is null || !InRange(current))
        {
            context.Complete();
            return;
        }
        context.Properties[StepKey] = current;
        context.Properties[IndexKey] = index;
        context.SetOutput(nameof(CurrentValue), current);
        LoopScope.Enter(context, current, index);
        context.ScheduleChild(body);
    }

    private bool InRange(int current) => (Step >= 0, OuterBoundInclusive) switch
    {
        (true, true) => current <= End,
        (true, false) => current < End,
        (false, true) => current >= End,
        (false, false) => current > End,
    };
}
