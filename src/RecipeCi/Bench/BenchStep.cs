using System.Text.Json.Nodes;
using Workflows.Core.Activities;
using Workflows.Core.Runtime;

namespace RecipeCi.Bench;

/// <summary>
/// The benchmark's trivial activity: records which step ran last in a workflow variable (so every step changes the
/// persisted state) and reports its own start and end to <see cref="BenchTimings"/>, which attributes everything in
/// between activities to the engine.
/// </summary>
[Activity("RecipeCi.Bench", "Step", Category = "Benchmark", Description = "Benchmark step: sets a variable.", IsBrowsable = false)]
public sealed class BenchStep(BenchTimings timings) : Activity
{
    public override ValueTask ExecuteAsync(ActivityContext context)
    {
        timings.ActivityStarted(context.WorkflowInstanceId, System.Diagnostics.Stopwatch.GetTimestamp());
        context.SetVariable(BenchWorkflow.VariableName, JsonValue.Create(context.Node.Id));
        context.Complete();
        timings.ActivityEnded(context.WorkflowInstanceId, System.Diagnostics.Stopwatch.GetTimestamp());
        return ValueTask.CompletedTask;
    }
}
