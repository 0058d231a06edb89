using System.Security.Cryptography;

namespace TestKit;

/// <summary>
/// Names for stacks, volumes, databases and folders that no other test (or test run) uses.
/// All start with <see cref="Prefix"/> so leftovers of a killed run are recognisable and can be swept.
/// </summary>
public static class UniqueName
{
    public const string Prefix = "rct";

    /// <summary>e.g. <c>rct-snap-3f9a1c2e</c>: lower case, digits and dashes, valid as a stack or volume name.</summary>
    public static string For(string purpose) => $"{Prefix}-{Sanitize(purpose)}-{RandomHex()}";

    /// <summary>e.g. <c>rct_pg_3f9a1c2e</c>: valid as an unquoted PostgreSQL identifier.</summary>
    public static string ForDatabase(string purpose) => $"{Prefix}_{Sanitize(purpose).Replace('-', '_')}_{RandomHex()}";

    private static string RandomHex() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4));

    private static string Sanitize(string purpose)
    {
        var chars = purpose.ToLowerInvariant().Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-').ToArray();
        var text = new string(chars).Trim('-');
        return text.Length == 0 ? "t" : text[..Math.Min(text.Length, 20)];
    }
}
