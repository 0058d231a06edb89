namespace Recipes.Ci.Locking;

/// <summary>Whether the workflow instance holding a lock may still be running.</summary>
public interface IRunInstanceLiveness
{
    /// <summary>False only when the instance is known to have ended (finished, faulted, cancelled).</summary>
    Task<bool> MayBeRunningAsync(string instanceId, CancellationToken cancellationToken);
}
