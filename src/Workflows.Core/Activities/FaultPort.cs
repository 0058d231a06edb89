namespace Workflows.Core.Activities;

/// <summary>
/// The engine's fault route. An activity type that declares a flow port named <see cref="Name"/> (with
/// <c>[FlowPort(FaultPort.Name)]</c>) and is connected from it in its flowchart does not fault the workflow when it
/// throws and its retry policy is spent: the engine records the incident (the instance still ends
/// <c>Finished/Faulted</c>), writes the message to the activity's <see cref="MessageOutput"/> output and follows that
/// port, so a flow can tear down after a fault with an ordinary connection. An unconnected fault port changes
/// nothing: the incident strategy decides, as for any other activity. In the JSON it is just another port, which
/// Elsa Studio shows and round-trips.
/// </summary>
public static class FaultPort
{
    /// <summary>The port's name (kept as the <c>Error</c> that the flows already connect).</summary>
    public const string Name = "Error";

    /// <summary>The output that receives the incident's message when the port is followed.</summary>
    public const string MessageOutput = "Error";
}
