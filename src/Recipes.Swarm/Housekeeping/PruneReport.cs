namespace Recipes.Swarm.Housekeeping;

/// <summary>
/// What a prune removed (or, in a dry run, would remove), and what it kept on purpose and why.
/// <see cref="SpaceReclaimed"/> counts what the engine reported plus deleted snapshot files.
/// </summary>
public sealed record PruneReport(
    bool DryRun,
    IReadOnlyList<string> Containers,
    IReadOnlyList<string> Images,
    int BuildCacheEntries,
    IReadOnlyList<string> Volumes,
    IReadOnlyList<string> Snapshots,
    IReadOnlyList<string> AbandonedDrafts,
    IReadOnlyList<KeptItem> Kept,
    long SpaceReclaimed);

/// <summary>An object the prune looked at and left alone.</summary>
public sealed record KeptItem(string Kind, string Name, string Reason);
