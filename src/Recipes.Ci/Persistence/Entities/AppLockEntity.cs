namespace Recipes.Ci.Persistence.Entities;

/// <summary>Who holds an app now: runs touching one app never overlap (per-app serialization).</summary>
public sealed class AppLockEntity
{
    public string App { get; set; } = string.Empty;
    public string HolderRunId { get; set; } = string.Empty;
    public string HolderInstanceId { get; set; } = string.Empty;

    /// <summary>The process holding it (<c>host:pid</c>); its heartbeat renews the lease.</summary>
    public string HolderWorker { get; set; } = string.Empty;

    public DateTimeOffset AcquiredAt { get; set; }

    /// <summary>After this the holder counts as dead and a waiter may take the lock.</summary>
    public DateTimeOffset LeaseExpiresAt { get; set; }
}
