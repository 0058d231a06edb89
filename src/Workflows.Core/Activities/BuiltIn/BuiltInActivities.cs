namespace Workflows.Core.Activities.BuiltIn;

/// <summary>Elsa's built-in activity types that this engine implements.</summary>
public static class BuiltInActivities
{
    public static IReadOnlyList<Type> Types { get; } =
    [
        typeof(Flowchart), typeof(Start), typeof(End), typeof(Finish), typeof(SetVariable), typeof(SetOutput),
        typeof(WriteLine), typeof(FlowDecision), typeof(FlowFork), typeof(FlowJoin), typeof(ForEach),
        typeof(ParallelForEach), typeof(DispatchWorkflow), typeof(HttpEndpoint), typeof(WriteHttpResponse),
        typeof(Cron), typeof(Timer), typeof(Delay), typeof(Fault),
        // Composition (issue 19): workflows as activities complete through Complete; ExecuteWorkflow runs a child instance.
        typeof(Complete), typeof(ExecuteWorkflow),
    ];
}
