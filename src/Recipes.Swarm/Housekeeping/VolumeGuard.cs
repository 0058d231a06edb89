using Recipes.Swarm.Docker;

namespace Recipes.Swarm.Housekeeping;

/// <summary>
/// The one rule deciding whether a volume may be pruned at all: only <c>recipeci.role=run</c> volumes with a
/// valid <c>recipeci.app</c>, never an app named <c>warm-*</c> (canonical and warm apps), whatever its labels.
/// Whether the app is still alive is checked separately.
/// </summary>
public static class VolumeGuard
{
    /// <summary>Null when the volume is a prune candidate, else why it is protected.</summary>
    public static string? ProtectionReason(IDictionary<string, string>? labels, out AppName? app)
    {
        app = null;
        if (labels is null || !labels.TryGetValue(Labels.Role, out var role)) return "no recipeci.role label";
        if (role != "run") return $"role {role}";
        if (!labels.TryGetValue(Labels.App, out var appLabel) || !AppName.TryParse(appLabel, out var parsed)) return "no valid recipeci.app label";
        if (parsed.Value.StartsWith("warm-", StringComparison.Ordinal)) return "warm or canonical app name";
        app = parsed;
        return null;
    }
}
