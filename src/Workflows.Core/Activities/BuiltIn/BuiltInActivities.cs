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
        // Issue 19: the rest of Elsa's structured and flow activities, and composition (workflows as activities
        // complete through Complete; ExecuteWorkflow runs a child instance).
        typeof(Sequence), typeof(If), typeof(FlowNode), typeof(FlowSwitch), typeof(Switch), typeof(While), typeof(For),
        typeof(Break), typeof(Fork), typeof(Parallel), typeof(Correlate), typeof(SetName),
        typeof(Event), typeof(PublishEvent), typeof(RunTask), typeof(StartAt), typeof(ReadLine),
        typeof(FlowSendHttpRequest), typeof(SendHttpRequest), typeof(BulkDispatchWorkflows),
        typeof(Complete), typeof(ExecuteWorkflow),
        typeof(DownloadHttpFile), typeof(WriteFileHttpResponse),
    ];
}
