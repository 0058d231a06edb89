namespace Workflows.Core.Management;

/// <summary>What <see cref="TriggerIndexRepair"/> did: definitions whose triggers it rewrote, and those it could not index.</summary>
public sealed record TriggerIndexRepairResult(IReadOnlyList<string> Rewritten, IReadOnlyList<string> Unindexable);
