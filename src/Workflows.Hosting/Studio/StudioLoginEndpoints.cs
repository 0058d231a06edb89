using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Workflows.Hosting.Security;

namespace Workflows.Hosting.Studio;

/// <summary>The login page that exchanges the API key for a session cookie, and sign-out.</summary>
public static class StudioLoginEndpoints
{
    public static IEndpointRouteBuilder MapStudioLogin(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet(StudioStaticFiles.RequestPath + "/login", (string? returnUrl, ApiKeyVerifier verifier, HttpContext context) =>
        {
            context.Response.Headers.CacheControl = "no-store";
            return Html(StudioHtml.LoginPage(returnUrl, null, verifier.IsConfigured, verifier.Options.ApiKeySettingHint));
        }).AllowAnonymous();

        endpoints.MapPost(StudioStaticFiles.RequestPath + "/login", async (HttpContext context, ApiKeyVerifier verifier) =>
        {
            if (!IsSameOrigin(context.Request))
                return Html(StudioHtml.LoginPage(null, "The login form must be sent from this server's own page.", verifier.IsConfigured,
                    verifier.Options.ApiKeySettingHint), StatusCodes.Status403Forbidden);
            var form = await context.Request.ReadFormAsync(context.RequestAborted);
            var returnUrl = SafeReturnUrl(form["returnUrl"].ToString());
            if (!verifier.Matches(form["apiKey"].ToString()))
            {
                var error = verifier.IsConfigured ? "That API key is not right." : null;
                return Html(StudioHtml.LoginPage(returnUrl, error, verifier.IsConfigured, verifier.Options.ApiKeySettingHint),
                    StatusCodes.Status401Unauthorized);
            }
            await context.SignInStudioAsync(verifier);
            return Results.Redirect(returnUrl);
        }).AllowAnonymous().DisableAntiforgery();

        endpoints.MapPost(StudioStaticFiles.RequestPath + "/logout", async (HttpContext context) =>
        {
            await context.SignOutAsync(SecuritySchemes.StudioCookie);
            return Results.Redirect(StudioStaticFiles.RequestPath + "/login");
        }).AllowAnonymous().DisableAntiforgery();
        return endpoints;
    }

    /// <summary>Only local Studio paths: an open redirect would let a link send a freshly signed-in user anywhere.</summary>
    public static string SafeReturnUrl(string? returnUrl) =>
        !string.IsNullOrEmpty(returnUrl)
        && returnUrl.StartsWith(StudioStaticFiles.RequestPath, StringComparison.Ordinal)
        && !returnUrl.StartsWith(StudioStaticFiles.RequestPath + "/login", StringComparison.Ordinal)
        && !returnUrl.Contains("//", StringComparison.Ordinal)
        && !returnUrl.Contains('\\', StringComparison.Ordinal)
            ? returnUrl
            : StudioStaticFiles.RequestPath;

    /// <summary>
    /// Login CSRF guard: browsers send Origin on cross-site form posts, so a foreign Origin is refused. A missing
    /// Origin (non-browser clients) is allowed: they must know the key anyway.
    /// </summary>
    private static bool IsSameOrigin(HttpRequest request)
    {
        var origin = request.Headers.Origin.ToString();
        return string.IsNullOrEmpty(origin)
               || string.Equals(origin, $"{request.Scheme}://{request.Host}", StringComparison.OrdinalIgnoreCase);
    }

    private static IResult Html(string html, int status = StatusCodes.Status200OK) =>
        Results.Content(html, "text/html; charset=utf-8", statusCode: status);
}
