using System.Collections.Concurrent;

namespace Workflows.Core.Persistence.InMemory;

/// <summary>Sessions in process memory, for a server without a database (tests): they end when the process does.</summary>
public sealed class InMemorySessionStore : ISessionStore
{
    private readonly ConcurrentDictionary<string, SessionRecord> _sessions = new(StringComparer.Ordinal);

    public Task CreateAsync(SessionRecord session, CancellationToken cancellationToken)
    {
        _sessions[session.Id] = session;
        return Task.CompletedTask;
    }

    public Task<SessionRecord?> FindAsync(string id, CancellationToken cancellationToken) =>
        Task.FromResult(_sessions.GetValueOrDefault(id));

    public Task ExtendAsync(string id, DateTimeOffset expiresAt, CancellationToken cancellationToken)
    {
        if (_sessions.TryGetValue(id, out var session))
            _sessions.TryUpdate(id, session with { ExpiresAt = expiresAt }, session);
        return Task.CompletedTask;
    }

    public Task RevokeAsync(string id, CancellationToken cancellationToken)
    {
        _sessions.TryRemove(id, out _);
        return Task.CompletedTask;
    }

    public Task<int> RevokeAllExceptAsync(string keyFingerprint, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var revoked = 0;
        foreach (var session in _sessions.Values.Where(s => s.KeyFingerprint != keyFingerprint || s.ExpiresAt <= now))
            revoked += _sessions.TryRemove(session.Id, out _) ? 1 : 0;
        return Task.FromResult(revoked);
    }
}
