using Workflows.Core.Persistence;

namespace Recipes.Ci.Locking;

/// <summary>
/// Asks the engine's instance store: an instance it knows and that is Finished no longer holds anything. An
/// instance it does not know (another process's in-memory store) may still be running; its lease decides.
/// </summary>
public sealed class InstanceStoreLiveness(IWorkflowInstanceStore instances) : IRunInstanceLiveness
{
    public async Task<bool> MayBeRunningAsync(string instanceId, CancellationToken cancellationToken)
    {
        var record = await instances.FindAsync(instanceId, cancellationToken);
        return record is null || record.Status != WorkflowStatus.Finished;
    }
}
