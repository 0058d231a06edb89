namespace Recipes.Swarm.Snapshots;

/// <summary>A snapshot or restore was refused (app deployed, snapshot missing or failing verification) or failed.</summary>
public sealed class SnapshotException(string message, Exception? inner = null) : Exception(message, inner);
