using System.Security.Cryptography;
using System.Text;

namespace Recipes.Ci.Webhooks;

/// <summary>
/// HMAC-SHA256 of the raw request body with the shared secret. Gitea/Forgejo send bare lower-case hex, GitHub and
/// generic senders <c>sha256=&lt;hex&gt;</c>. The comparison runs on the decoded bytes in constant time, so timing does
/// not reveal how much of a forged signature was right.
/// </summary>
public static class WebhookSignature
{
    private const string Prefix = "sha256=";
    private const int HexLength = 64;

    /// <summary>The header value a sender of <paramref name="source"/> would send for <paramref name="body"/>.</summary>
    public static string Sign(WebhookSource source, string secret, ReadOnlySpan<byte> body)
    {
        var hex = Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body));
        return source == WebhookSource.Gitea ? hex : Prefix + hex;
    }

    public static SignatureCheck Verify(WebhookSource source, string secret, ReadOnlySpan<byte> body, string? headerValue)
    {
        if (string.IsNullOrWhiteSpace(headerValue))
            return SignatureCheck.Missing;
        var hex = headerValue.Trim();
        if (source != WebhookSource.Gitea)
        {
            if (!hex.StartsWith(Prefix, StringComparison.Ordinal))
                return SignatureCheck.Malformed;
            hex = hex[Prefix.Length..];
        }
        if (hex.Length != HexLength || !hex.All(char.IsAsciiHexDigit))
            return SignatureCheck.Malformed;
        var given = Convert.FromHexString(hex);
        var expected = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body);
        return CryptographicOperations.FixedTimeEquals(given, expected) ? SignatureCheck.Valid : SignatureCheck.Mismatch;
    }
}
