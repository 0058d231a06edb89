namespace Recipes.Ci.Persistence.Entities;

/// <summary>A run waiting (suspended) for an app; the oldest waiter gets the lock next.</summary>
public sealed class AppLockWaiterEntity
{
    public string App { get; set; } = string.Empty;
    public string RunId { get; set; } = string.Empty;
    public string InstanceId { get; set; } = string.Empty;
    public DateTimeOffset WaitingSince { get; set; }

    /// <summary>When the waiter last checked; one that stops checking for a lease is dead and loses its turn.</summary>
    public DateTimeOffset LastPolledAt { get; set; }
}
