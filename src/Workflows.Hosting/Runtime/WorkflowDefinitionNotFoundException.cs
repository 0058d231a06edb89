namespace Workflows.Hosting.Runtime;

/// <summary>No definition version matches a start request (unknown id, or no published version).</summary>
public sealed class WorkflowDefinitionNotFoundException(string message) : Exception(message);
