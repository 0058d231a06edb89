namespace Recipes.Swarm.Snapshots;

/// <summary>The app's backupbot labels are wrong (two services opted in, a path leaving its volume, a failing hook).</summary>
public sealed class BackupPolicyException(string message, Exception? inner = null) : Exception(message, inner);
