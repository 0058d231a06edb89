using System.Globalization;
using System.Text;

namespace Recipes.Ci.Webhooks;

/// <summary>
/// The generic webhook's signed timestamp, as Slack and Stripe do it: <c>X-Signature-Timestamp</c> holds the Unix time
/// in seconds, the signature covers <c>"&lt;timestamp&gt;." + body</c>, and a delivery more than
/// <see cref="Tolerance"/> old (or ahead) is refused. A captured delivery is therefore worthless after five minutes,
/// and within them its body hash is remembered (<see cref="WebhookDeliveries"/>).
/// </summary>
public static class WebhookTimestamp
{
    public static readonly TimeSpan Tolerance = TimeSpan.FromMinutes(5);

    /// <summary>The header value for <paramref name="now"/>.</summary>
    public static string Format(DateTimeOffset now) => now.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);

    /// <summary>The bytes a generic sender signs: the timestamp, a dot, then the raw body.</summary>
    public static byte[] SignedMaterial(string timestamp, ReadOnlySpan<byte> body)
    {
        var prefix = Encoding.ASCII.GetBytes(timestamp + ".");
        var material = new byte[prefix.Length + body.Length];
        prefix.CopyTo(material, 0);
        body.CopyTo(material.AsSpan(prefix.Length));
        return material;
    }

    /// <summary>Unix seconds, 1-12 digits; false for anything else.</summary>
    public static bool TryParse(string? value, out DateTimeOffset time)
    {
        time = default;
        if (value is not { Length: >= 1 and <= 12 } || !value.All(char.IsAsciiDigit)
            || !long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            || seconds > DateTimeOffset.MaxValue.ToUnixTimeSeconds())
            return false;
        time = DateTimeOffset.FromUnixTimeSeconds(seconds);
        return true;
    }
}
