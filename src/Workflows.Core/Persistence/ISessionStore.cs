namespace Workflows.Core.Persistence;

/// <summary>
/// Server-side sessions, so signing out (or a key change) ends a session for good: the cookie alone proves nothing
/// once its row is gone, also after a restart and on every node sharing the database.
/// </summary>
public interface ISessionStore
{
    Task CreateAsync(SessionRecord session, CancellationToken cancellationToken);

    /// <summary>The session, or null when it was revoked or never existed (expiry is the caller's to check).</summary>
    Task<SessionRecord?> FindAsync(string id, CancellationToken cancellationToken);

    /// <summary>Moves the expiry forward (sliding sessions).</summary>
    Task ExtendAsync(string id, DateTimeOffset expiresAt, CancellationToken cancellationToken);

    Task RevokeAsync(string id, CancellationToken cancellationToken);

    /// <summary>Ends every session not issued for <paramref name="keyFingerprint"/>, and expired ones; returns how many.</summary>
    Task<int> RevokeAllExceptAsync(string keyFingerprint, DateTimeOffset now, CancellationToken cancellationToken);
}
