namespace Workflows.Core.Activities.BuiltIn;

/// <summary>Raised by the Fault activity.</summary>
public sealed class WorkflowFaultException(string? code, string message) : Exception(message)
{
    public string? Code { get; } = code;
}
