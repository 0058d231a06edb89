
namespace Workflows.Hosting.Security;

/// <summary>
/// Cross-site request guard for state-changing routes. Browsers send <c>Origin</c> on cross-site posts and fetches and
/// <c>Sec-Fetch-Site</c> on every request; either naming another site refuses the request. A request with neither
/// (curl, CI scripts) passes: those callers must hold the key anyway. The request's scheme and host are taken after
/// Http:ForwardedHeaders, so a TLS proxy's <c>https://</c> origin matches.
/// </summary>
public static class SameOrigin
{
    public static bool IsAllowed(HttpRequest request)
    {
        var site = request.Headers["Sec-Fetch-Site"].ToString();
        if (site is "cross-site" or "same-site")
            return false;
        var origin = request.Headers.Origin.ToString();
        return string.IsNullOrEmpty(origin)
               || string.Equals(origin, $"{request.Scheme}://{request.Host}", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>The origin a refused request came from, for the error message.</summary>
    public static string Describe(HttpRequest request) =>
        request.Headers.Origin.ToString() is { Length: > 0 } origin ? $"origin '{origin}'" : $"a {request.Headers["Sec-Fetch-Site"]} page";
}
