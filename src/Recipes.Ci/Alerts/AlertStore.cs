using System.Text.Json;
using Microsoft.Extensions.Logging;

namespace Recipes.Ci.Alerts;

/// <summary>
/// The alert folder <c>Alerts:Root</c>: new alerts as <c>&lt;time&gt;-&lt;id&gt;.json</c> (written to a hidden
/// temporary file and renamed, so the relay never reads half a file), delivered ones in <c>seen/</c>, per-sink
/// delivery state in <c>.delivery/&lt;id&gt;.json</c>, and files that are not alerts moved to <c>invalid/</c>.
/// </summary>
public sealed class AlertStore(string root, ILogger<AlertStore> logger)
{
    public string Root => root;

    public string SeenFolder => Path.Combine(root, "seen");

    private string DeliveryFolder => Path.Combine(root, ".delivery");

    private string InvalidFolder => Path.Combine(root, "invalid");

    public async Task<string> WriteAsync(Alert alert, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(root);
        var path = Path.Combine(root, FileName(alert));
        await WriteAtomicallyAsync(path, JsonSerializer.Serialize(alert, AlertJson.Options), cancellationToken);
        logger.LogInformation("Alert {AlertId} ({Severity}) from {Source}: {Title}", alert.Id, alert.Severity, alert.Source, alert.Title);
        return path;
    }

    /// <summary>Alerts waiting for delivery, oldest first.</summary>
    public async Task<IReadOnlyList<PendingAlert>> PendingAsync(CancellationToken cancellationToken)
    {
        var pending = new List<PendingAlert>();
        foreach (var path in AlertFiles(root))
        {
            if (await ReadAsync(path, cancellationToken) is { } alert) pending.Add(new PendingAlert(path, alert));
            else QuarantineInvalid(path);
        }
        return pending;
    }

    /// <summary>Delivered alerts, oldest first.</summary>
    public async Task<IReadOnlyList<Alert>> SeenAsync(CancellationToken cancellationToken)
    {
        var seen = new List<Alert>();
        foreach (var path in AlertFiles(SeenFolder))
        {
            if (await ReadAsync(path, cancellationToken) is { } alert) seen.Add(alert);
        }
        return seen;
    }

    /// <summary>The sinks (by id) that already accepted this alert.</summary>
    public async Task<IReadOnlySet<string>> DeliveredToAsync(string alertId, CancellationToken cancellationToken)
    {
        var path = DeliveryPath(alertId);
        if (!File.Exists(path)) return new HashSet<string>();
        return JsonSerializer.Deserialize<HashSet<string>>(await File.ReadAllTextAsync(path, cancellationToken)) ?? [];
    }

    public async Task RecordDeliveryAsync(string alertId, IReadOnlySet<string> deliveredTo, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(DeliveryFolder);
        await WriteAtomicallyAsync(DeliveryPath(alertId), JsonSerializer.Serialize(deliveredTo.Order().ToList()), cancellationToken);
    }

    /// <summary>Moves a delivered alert to <c>seen/</c> and forgets its delivery state.</summary>
    public void MarkSeen(PendingAlert pending)
    {
        Directory.CreateDirectory(SeenFolder);
        File.Move(pending.Path, Path.Combine(SeenFolder, Path.GetFileName(pending.Path)), overwrite: true);
        File.Delete(DeliveryPath(pending.Alert.Id));
    }

    private static IEnumerable<string> AlertFiles(string folder) =>
        Directory.Exists(folder)
            ? Directory.EnumerateFiles(folder, "*.json").Where(p => !Path.GetFileName(p).StartsWith('.')).Order(StringComparer.Ordinal)
            : [];

    private async Task<Alert?> ReadAsync(string path, CancellationToken cancellationToken)
    {
        try
        {
            var alert = JsonSerializer.Deserialize<Alert>(await File.ReadAllTextAsync(path, cancellationToken), AlertJson.Options);
            return alert is { Id.Length: > 0, Title: not null, Message: not null, Source: not null } ? alert with { Fields = alert.Fields ?? new Dictionary<string, string>() } : null;
        }
        catch (JsonException e)
        {
            logger.LogWarning("Alert file {Path} is not valid JSON: {Error}", path, e.Message);
            return null;
        }
    }

    // A file that is not an alert would block nothing but would be retried forever; it is kept, out of the way.
    private void QuarantineInvalid(string path)
    {
        Directory.CreateDirectory(InvalidFolder);
        File.Move(path, Path.Combine(InvalidFolder, Path.GetFileName(path)), overwrite: true);
        logger.LogWarning("Moved {Path} to {Folder}: not an alert", path, InvalidFolder);
    }

    private string DeliveryPath(string alertId) => Path.Combine(DeliveryFolder, Path.GetFileName(alertId) + ".json");

    private static string FileName(Alert alert) => $"{alert.Time.UtcDateTime:yyyyMMdd'T'HHmmssfff}-{alert.Id}.json";

    private static async Task WriteAtomicallyAsync(string path, string content, CancellationToken cancellationToken)
    {
        var temp = Path.Combine(Path.GetDirectoryName(path)!, "." + Path.GetFileName(path) + "." + Guid.NewGuid().ToString("N")[..8] + ".tmp");
        await File.WriteAllTextAsync(temp, content, cancellationToken);
        File.Move(temp, path, overwrite: true);
    }
}
