namespace Recipes.Swarm.Snapshots;

/// <summary>
/// Configuration <c>Snapshots:Root</c>: the folder holding <c>&lt;app&gt;/&lt;id&gt;/</c> snapshots;
/// <c>Snapshots:Transport</c>: see <see cref="SnapshotTransport"/>.
/// </summary>
public sealed record SnapshotOptions(string Root, SnapshotTransport Transport = SnapshotTransport.Auto);
