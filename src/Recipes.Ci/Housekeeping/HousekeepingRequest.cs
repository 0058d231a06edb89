namespace Recipes.Ci.Housekeeping;

/// <summary>
/// One housekeeping pass. <paramref name="ThresholdPercent"/>: prune when Docker's data root or the snapshots disk is
/// at least this full (0 forces a prune). <paramref name="Scope"/> limits everything to names with that prefix.
/// </summary>
public sealed record HousekeepingRequest(
    double ThresholdPercent,
    bool DryRun,
    int KeepSnapshotsPerApp,
    TimeSpan MinimumVolumeAge,
    bool RelayAlerts,
    string? Scope = null);
