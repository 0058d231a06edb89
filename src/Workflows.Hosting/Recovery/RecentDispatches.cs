namespace Workflows.Hosting.Recovery;

/// <summary>
/// Remembers what a periodic service dispatched recently, so it does not send the same work again while the
/// first message is still on its way (duplicates would be harmless, only wasteful).
/// </summary>
internal sealed class RecentDispatches(TimeSpan window, TimeProvider time)
{
    private readonly Dictionary<string, DateTimeOffset> _sent = new(StringComparer.Ordinal);

    public bool ShouldSend(string key)
    {
        var now = time.GetUtcNow();
        if (_sent.TryGetValue(key, out var at) && now - at < window)
            return false;
        _sent[key] = now;
        return true;
    }

    /// <summary>Nothing was sent after all: the key may be sent at the next pass.</summary>
    public void Forget(string key) => _sent.Remove(key);

    public void Prune()
    {
        var cutoff = time.GetUtcNow() - window;
        foreach (var key in _sent.Where(e => e.Value < cutoff).Select(e => e.Key).ToList())
            _sent.Remove(key);
    }
}
