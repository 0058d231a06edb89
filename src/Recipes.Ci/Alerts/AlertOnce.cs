namespace Recipes.Ci.Alerts;

/// <summary>
/// Raises an alert only if no alert with the same dedupe key (pending or seen) was raised within the window, so a
/// condition checked every few minutes (a held upgrade, too many tenants) alerts once, not on every check.
/// </summary>
public sealed class AlertOnce(AlertStore store, TimeProvider time)
{
    // Serializes check-then-write within this process; two processes may still race, which at worst alerts twice.
    private readonly SemaphoreSlim _gate = new(1, 1);

    /// <summary>Writes the alert (with <paramref name="dedupeKey"/> set) and returns true, or returns false when one was raised recently.</summary>
    public async Task<bool> RaiseAsync(string dedupeKey, TimeSpan window, AlertSeverity severity, string source, string title, string message,
        IReadOnlyDictionary<string, string>? fields, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            var since = time.GetUtcNow() - window;
            var pending = (await store.PendingAsync(cancellationToken)).Select(p => p.Alert);
            var seen = await store.SeenAsync(cancellationToken);
            if (pending.Concat(seen).Any(a => a.DedupeKey == dedupeKey && a.Time >= since)) return false;
            await store.WriteAsync(Alert.Create(time, severity, source, title, message, fields, dedupeKey), cancellationToken);
            return true;
        }
        finally
        {
            _gate.Release();
        }
    }
}
