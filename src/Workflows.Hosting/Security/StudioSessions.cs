using System.Security.Claims;
using System.Security.Cryptography;
using Workflows.Core.Persistence;

namespace Workflows.Hosting.Security;

/// <summary>
/// Server-side Studio sessions: the cookie carries a random session id, and the session is valid only while its row
/// exists (see <see cref="ISessionStore"/>), has not expired and belongs to the current key. Signing out deletes the
/// row, so a copied cookie stops working at once, also after a restart and on every node.
/// </summary>
public sealed class StudioSessions(ISessionStore store, ApiKeyVerifier verifier, TimeProvider time)
{
    /// <summary>The claim holding the session id in the cookie.</summary>
    public const string SessionIdClaim = "recipeci:session";

    private TimeSpan Lifetime => verifier.Options.SessionLifetime;

    /// <summary>Creates a session for the current key; also clears sessions of other keys and expired ones.</summary>
    public async Task<ClaimsPrincipal> CreateAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var fingerprint = verifier.SessionFingerprint ?? throw new InvalidOperationException("No API key is configured.");
        await store.RevokeAllExceptAsync(fingerprint, now, cancellationToken);
        var id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
        await store.CreateAsync(new SessionRecord(id, fingerprint, now, now + Lifetime), cancellationToken);
        var identity = new ClaimsIdentity([new Claim(ClaimTypes.Name, "studio"), new Claim(SessionIdClaim, id)], SecuritySchemes.StudioCookie);
        return new ClaimsPrincipal(identity);
    }

    /// <summary>True when the cookie's session is live; slides its expiry forward once half of it has passed.</summary>
    public async Task<bool> IsValidAsync(ClaimsPrincipal? principal, CancellationToken cancellationToken)
    {
        if (principal?.FindFirstValue(SessionIdClaim) is not { Length: > 0 } id)
            return false;
        var session = await store.FindAsync(id, cancellationToken);
        var now = time.GetUtcNow();
        if (session is null || session.ExpiresAt <= now || !verifier.IsCurrentFingerprint(session.KeyFingerprint))
            return false;
        if (session.ExpiresAt - now < Lifetime / 2)
            await store.ExtendAsync(id, now + Lifetime, cancellationToken);
        return true;
    }

    /// <summary>Ends the session the principal carries, if any.</summary>
    public Task RevokeAsync(ClaimsPrincipal? principal, CancellationToken cancellationToken) =>
        principal?.FindFirstValue(SessionIdClaim) is { Length: > 0 } id ? store.RevokeAsync(id, cancellationToken) : Task.CompletedTask;
}
