using Recipes.Swarm.Docker;

namespace Recipes.Swarm.Snapshots;

/// <summary>Reads Co-op Cloud backupbot labels (recipe-domain.md §1.3) into a <see cref="BackupPolicy"/>.</summary>
public static class BackupLabels
{
    public const string VolumesPrefix = "backupbot.backup.volumes.";
    public const string BackupPreHook = "backupbot.backup.pre-hook";
    public const string BackupPostHook = "backupbot.backup.post-hook";
    public const string RestorePreHook = "backupbot.restore.pre-hook";
    public const string RestorePostHook = "backupbot.restore.post-hook";

    /// <summary>True when the labels opt the service in with <c>backupbot.backup=true</c>.</summary>
    public static bool IsBackupService(IDictionary<string, string>? labels) =>
        labels is not null && labels.TryGetValue(Labels.BackupbotBackup, out var v) && string.Equals(v.Trim(), "true", StringComparison.OrdinalIgnoreCase);

    public static BackupPolicy Parse(string? service, IDictionary<string, string> labels)
    {
        var excluded = new HashSet<string>(StringComparer.Ordinal);
        var paths = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        foreach (var (key, value) in labels)
        {
            if (!key.StartsWith(VolumesPrefix, StringComparison.Ordinal)) continue;
            var rest = key[VolumesPrefix.Length..];
            if (rest.EndsWith(".path", StringComparison.Ordinal))
            {
                paths[rest[..^".path".Length]] = ParsePaths(key, value);
            }
            else if (string.Equals(value.Trim(), "false", StringComparison.OrdinalIgnoreCase))
            {
                excluded.Add(rest);
            }
        }
        return new BackupPolicy(service, excluded, paths, new BackupHooks(
            Hook(labels, BackupPreHook), Hook(labels, BackupPostHook), Hook(labels, RestorePreHook), Hook(labels, RestorePostHook)));
    }

    /// <summary>
    /// <c>/a,/b</c> → <c>a</c>, <c>b</c>: relative to the volume root. A <c>..</c> segment is refused, so a
    /// label cannot reach outside the volume.
    /// </summary>
    private static IReadOnlyList<string> ParsePaths(string key, string value)
    {
        var result = new List<string>();
        foreach (var raw in value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var segments = raw.Split('/', StringSplitOptions.RemoveEmptyEntries).Where(s => s != ".").ToList();
            if (segments.Contains("..")) throw new BackupPolicyException($"Label {key}: path '{raw}' leaves the volume ('..' is not allowed).");
            if (segments.Count > 0) result.Add(string.Join('/', segments));
        }
        if (result.Count == 0) throw new BackupPolicyException($"Label {key} = '{value}' names no path; use e.g. /a,/b or remove the label.");
        return result;
    }

    private static string? Hook(IDictionary<string, string> labels, string key) =>
        labels.TryGetValue(key, out var v) && !string.IsNullOrWhiteSpace(v) ? v : null;
}
