namespace Workflows.Core.Persistence;

/// <summary>
/// One signed-in browser session. The cookie carries only <see cref="Id"/>; the session is valid while this row
/// exists, has not expired and was issued for the key currently configured (<see cref="KeyFingerprint"/>).
/// </summary>
/// <param name="Id">A random 256-bit id (hex), the only thing the cookie proves.</param>
/// <param name="KeyFingerprint">Derived from the API key the session was signed in with; a key change ends it.</param>
public sealed record SessionRecord(string Id, string KeyFingerprint, DateTimeOffset CreatedAt, DateTimeOffset ExpiresAt);
