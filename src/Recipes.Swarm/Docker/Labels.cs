namespace Recipes.Swarm.Docker;

/// <summary>The Docker labels recipeci reads and writes. One place, so prune and deploy agree on them.</summary>
public static class Labels
{
    /// <summary>Set by <c>docker stack deploy</c> on every object of a stack; we set it too so the CLI shows our stacks.</summary>
    public const string StackNamespace = "com.docker.stack.namespace";

    /// <summary>Set on services by <c>docker stack deploy</c>: the image as written in the compose file.</summary>
    public const string StackImage = "com.docker.stack.image";

    /// <summary>The app (stack) a volume belongs to.</summary>
    public const string App = "recipeci.app";

    /// <summary>What the app is for: <see cref="AppRole"/> in lower case. Prune only ever removes <c>run</c> volumes.</summary>
    public const string Role = "recipeci.role";

    /// <summary>
    /// On Docker objects recipeci made outside a compose project's own (a secret created from a supplied value, a shared
    /// external network), value <c>true</c>: tells them from objects made by hand.
    /// </summary>
    public const string Managed = "recipeci.managed";

    /// <summary>Co-op Cloud backupbot: opt a service in to backups (exactly one service per app).</summary>
    public const string BackupbotBackup = "backupbot.backup";
}
