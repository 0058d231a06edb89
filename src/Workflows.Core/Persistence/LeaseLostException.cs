namespace Workflows.Core.Persistence;

/// <summary>
/// A fenced commit was refused: the worker no longer holds the instance's lease (it expired and another worker took
/// the instance over). Nothing was written; the worker must stop running the instance.
/// </summary>
public sealed class LeaseLostException(string instanceId, string expectedOwner)
    : Exception($"Workflow instance '{instanceId}' is no longer leased by '{expectedOwner}'; the commit was refused.")
{
    public string InstanceId { get; } = instanceId;
    public string ExpectedOwner { get; } = expectedOwner;
}
