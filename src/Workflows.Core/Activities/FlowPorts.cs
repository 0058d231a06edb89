namespace Workflows.Core.Activities;

/// <summary>
/// The ports every flowchart node has unless its activity declares others, as Elsa names them. An activity that
/// completes without naming an outcome leaves by <see cref="Done"/>, and a connection written without ports joins
/// <see cref="Done"/> to <see cref="In"/>. Domain outcomes (<c>Pass</c>, <c>NoCanonical</c>, ...) are constants beside
/// the activity that has them; the fault route is <see cref="FaultPort"/>.
/// </summary>
public static class FlowPorts
{
    /// <summary>The outcome of an activity that just did its work.</summary>
    public const string Done = "Done";

    /// <summary>The inbound port of a node.</summary>
    public const string In = "In";
}
