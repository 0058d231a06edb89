using System.Security.Cryptography;
using System.Text;

namespace Workflows.Hosting.Security;

/// <summary>
/// Checks presented keys against the configured one in constant time, and derives a session fingerprint so a
/// cookie issued for one key stops working when the key changes. Never exposes or logs the key itself.
/// </summary>
public sealed class ApiKeyVerifier
{
    private readonly byte[]? _keyHash;

    public ApiKeyVerifier(StudioSecurityOptions options)
    {
        Options = options;
        if (!string.IsNullOrWhiteSpace(options.ApiKey))
            _keyHash = SHA256.HashData(Encoding.UTF8.GetBytes(options.ApiKey));
        SessionFingerprint = _keyHash is null
            ? null
            : Convert.ToHexString(HMACSHA256.HashData(_keyHash, "recipeci studio session"u8));
    }

    public StudioSecurityOptions Options { get; }

    public bool IsConfigured => _keyHash is not null;

    /// <summary>Stored in the session cookie; null when no key is configured.</summary>
    public string? SessionFingerprint { get; }

    /// <summary>
    /// True when <paramref name="presented"/> equals the configured key. Both sides are hashed first so that the
    /// comparison takes the same time whatever the presented length.
    /// </summary>
    public bool Matches(string? presented)
    {
        if (_keyHash is null || string.IsNullOrEmpty(presented))
            return false;
        var presentedHash = SHA256.HashData(Encoding.UTF8.GetBytes(presented));
        return CryptographicOperations.FixedTimeEquals(presentedHash, _keyHash);
    }

    public bool IsCurrentFingerprint(string? fingerprint) =>
        SessionFingerprint is not null && fingerprint is not null
        && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(fingerprint), Encoding.ASCII.GetBytes(SessionFingerprint));
}
