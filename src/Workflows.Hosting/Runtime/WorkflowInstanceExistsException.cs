namespace Workflows.Hosting.Runtime;

/// <summary>A start request named an instance id that is already taken.</summary>
public sealed class WorkflowInstanceExistsException(string instanceId)
    : Exception($"Workflow instance '{instanceId}' already exists; leave instanceId out or choose another.");
