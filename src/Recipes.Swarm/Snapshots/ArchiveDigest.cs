namespace Recipes.Swarm.Snapshots;

/// <summary>What a volume tar is: its length in bytes, its tar entry count and its SHA-256 (lower-case hex).</summary>
public sealed record ArchiveDigest(long Size, long FileCount, string Sha256);
