using Microsoft.EntityFrameworkCore;

namespace Workflows.Persistence.Data.Entities;

/// <summary>
/// A signed-in Studio session (see <c>ISessionStore</c>); deleted on sign-out, key change or expiry (by
/// <see cref="ExpiresAt"/>).
/// </summary>
[Index(nameof(ExpiresAt))]
public sealed class SessionEntity
{
    public required string Id { get; set; }
    public required string KeyFingerprint { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset ExpiresAt { get; set; }
}
