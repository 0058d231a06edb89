namespace Recipes.Ci.Locking;

/// <summary>Timing of per-app serialization.</summary>
/// <param name="Lease">How long a holder's lock lasts without renewal; its process renews it every third of this.</param>
/// <param name="PollInterval">How often a waiting run wakes to check whether the holder ended or died.</param>
public sealed record AppLockOptions(TimeSpan Lease, TimeSpan PollInterval)
{
    public static AppLockOptions Default { get; } = new(TimeSpan.FromMinutes(2), TimeSpan.FromSeconds(5));
}
