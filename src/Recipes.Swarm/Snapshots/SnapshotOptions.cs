namespace Recipes.Swarm.Snapshots;

/// <summary>Configuration <c>Snapshots:Root</c>: the folder holding <c>&lt;app&gt;/&lt;id&gt;/</c> snapshots.</summary>
public sealed record SnapshotOptions(string Root);
