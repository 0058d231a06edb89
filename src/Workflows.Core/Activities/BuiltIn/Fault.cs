namespace Workflows.Core.Activities.BuiltIn;

/// <summary>Faults the workflow with a message (an incident; the incident strategy decides what follows).</summary>
[Activity("Elsa", "Fault", Category = "Primitives", Description = "Fault the workflow.", IsTerminal = true)]
public sealed class Fault : Activity
{
    [Input(Description = "A code for the fault.", Order = 0)]
    public string? Code { get; set; }

    [Input(Description = "The fault message.", Order = 1)]
    public string? Message { get; set; }

    public override ValueTask ExecuteAsync(Runtime.ActivityContext context) =>
        throw new WorkflowFaultException(Code, string.IsNullOrWhiteSpace(Message) ? "The workflow faulted." : Message);
}
