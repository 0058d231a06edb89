namespace Recipes.Swarm.Snapshots;

/// <summary>
/// Co-op Cloud backupbot labels of one app, read from the one service labelled <c>backupbot.backup=true</c>.
/// Volume keys are the short volume names of the compose file (<c>data</c> for <c>&lt;app&gt;_data</c>).
/// </summary>
public sealed record BackupPolicy(
    string? Service,
    IReadOnlySet<string> ExcludedVolumes,
    IReadOnlyDictionary<string, IReadOnlyList<string>> VolumePaths,
    BackupHooks Hooks)
{
    /// <summary>No labels: every volume, whole, no hooks.</summary>
    public static BackupPolicy Everything { get; } =
        new(null, new HashSet<string>(), new Dictionary<string, IReadOnlyList<string>>(), BackupHooks.None);

    public bool Includes(string volume) => !ExcludedVolumes.Contains(volume);

    /// <summary>The selected paths of a volume, or null for all of it.</summary>
    public IReadOnlyList<string>? PathsOf(string volume) => VolumePaths.TryGetValue(volume, out var paths) ? paths : null;
}

/// <summary>The shell commands backupbot runs inside the service's container around a backup and a restore.</summary>
public sealed record BackupHooks(string? BackupPre, string? BackupPost, string? RestorePre, string? RestorePost)
{
    public static BackupHooks None { get; } = new(null, null, null, null);
}

/// <summary>Before or after: hooks of <see cref="HookPhase.Pre"/> run before the app is undeployed, <see cref="HookPhase.Post"/> after it is back.</summary>
public enum HookPhase
{
    Pre,
    Post,
}
