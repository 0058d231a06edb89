namespace Recipes.Ci.Locking;

/// <summary>The run holding an app, and until when its lease runs.</summary>
public sealed record AppLockHolder(string App, string RunId, string InstanceId, string Worker, DateTimeOffset AcquiredAt, DateTimeOffset LeaseExpiresAt);

/// <summary>What a try to take an app's lock gave.</summary>
/// <param name="Acquired">True when the caller holds the lock now.</param>
/// <param name="Holder">The holder after the call (the caller when acquired).</param>
/// <param name="Stolen">The previous holder when the caller took the lock over from a dead run.</param>
public sealed record AppLockAttempt(bool Acquired, AppLockHolder Holder, AppLockHolder? Stolen = null);
