namespace Recipes.Ci.Alerts;

/// <summary>
/// One alert, stored as a JSON file in <c>Alerts:Root</c> and relayed to every sink.
/// </summary>
/// <param name="Id">Unique; also names the per-sink delivery state.</param>
/// <param name="Source">What raised it, e.g. <c>tenants/keycloak</c> or <c>warm/keycloak</c>.</param>
/// <param name="Fields">Extra facts (recipe, version, run...), shown by sinks as key: value lines.</param>
/// <param name="DedupeKey">Set by "alert once": no second alert with this key is raised within its window.</param>
public sealed record Alert(
    string Id,
    DateTimeOffset Time,
    AlertSeverity Severity,
    string Source,
    string Title,
    string Message,
    IReadOnlyDictionary<string, string> Fields,
    string? DedupeKey = null)
{
    public static Alert Create(TimeProvider time, AlertSeverity severity, string source, string title, string message,
        IReadOnlyDictionary<string, string>? fields = null, string? dedupeKey = null) =>
        new(Guid.NewGuid().ToString("N"), time.GetUtcNow(), severity, source, title, message, fields ?? new Dictionary<string, string>(), dedupeKey);

    /// <summary>Title, message and fields as plain text, for sinks that take text.</summary>
    public string ToText() =>
        string.Join('\n', new[] { Message }.Concat(Fields.Select(f => $"{f.Key}: {f.Value}")));
}
