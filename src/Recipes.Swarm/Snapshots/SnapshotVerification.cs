namespace Recipes.Swarm.Snapshots;

/// <summary>The outcome of re-hashing a snapshot: <see cref="Problems"/> names every volume that does not match its manifest.</summary>
public sealed record SnapshotVerification(string App, string Id, IReadOnlyList<string> Problems)
{
    public bool IsValid => Problems.Count == 0;
}
