using System.Security.Cryptography;
using System.Text;

namespace Recipes.Ci.Runs;

/// <summary>
/// Per-run page links. The token is HMAC-SHA256 of the run id under <see cref="RunPageOptions.Key"/>, cut to 128 bits
/// and base64url-encoded: unguessable, the same on every node that shares the key, and nothing to store. Knowing one
/// run's link reveals nothing about another's.
/// </summary>
public sealed class RunPageLinks(RunPageOptions options) : IRunPageLinks
{
    /// <summary>The query parameter that carries the token.</summary>
    public const string TokenParameter = "t";

    public bool Public => options.Public;

    public string PageUrl(string runId) => new Uri(options.BaseUrl, $"runs/{Uri.EscapeDataString(runId)}?{TokenParameter}={Token(runId)}").ToString();

    /// <summary>The link of the page's JSON (what <c>recipeci trigger --wait</c> polls).</summary>
    public string JsonUrl(string runId) => new Uri(options.BaseUrl, $"runs/{Uri.EscapeDataString(runId)}.json?{TokenParameter}={Token(runId)}").ToString();

    public string Token(string runId)
    {
        var mac = HMACSHA256.HashData(options.Key, Encoding.UTF8.GetBytes("recipeci-run-page:" + runId));
        return Convert.ToBase64String(mac, 0, 16).TrimEnd('=').Replace('+', '-').Replace('/', '_');
    }

    /// <summary>Whether <paramref name="token"/> opens <paramref name="runId"/>'s page; compared in constant time.</summary>
    public bool Verify(string runId, string? token) =>
        token is { Length: > 0 } && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Token(runId)), Encoding.ASCII.GetBytes(token));

    /// <summary>
    /// The key: <c>Ci:RunPageKey</c> when set, else derived from the webhook secret or the API key (so every node of a
    /// cluster derives the same), else a random key kept in <c>DataDir/run-page.key</c> (readable by recipeci only).
    /// </summary>
    public static byte[] ResolveKey(string? configured, string? webhookSecret, string? apiKey, string dataDir)
    {
        var seed = configured ?? webhookSecret ?? apiKey;
        if (!string.IsNullOrEmpty(seed))
            return HMACSHA256.HashData(Encoding.UTF8.GetBytes("recipeci-run-page-key"), Encoding.UTF8.GetBytes(seed));
        var path = Path.Combine(dataDir, "run-page.key");
        if (File.Exists(path))
            return Convert.FromBase64String(File.ReadAllText(path).Trim());
        Directory.CreateDirectory(dataDir);
        var key = RandomNumberGenerator.GetBytes(32);
        File.WriteAllText(path, Convert.ToBase64String(key));
        if (!OperatingSystem.IsWindows())
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        return key;
    }
}
