namespace Workflows.Core.Persistence;

/// <summary>A create-only commit found an instance with the same id; nothing was written.</summary>
public sealed class InstanceAlreadyExistsException(string instanceId, Exception? inner = null)
    : Exception($"Workflow instance '{instanceId}' already exists.", inner)
{
    public string InstanceId { get; } = instanceId;
}
