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

        endpoints.MapPost(StudioStaticFiles.RequestPath + "/login", async (HttpContext context, ApiKeyVerifier verifier, FailedKeyThrottle throttle) =>
        {
            if (!SameOrigin.IsAllowed(context.Request))
                return Html(StudioHtml.LoginPage(null, "The login form must be sent from this server's own page.", verifier.IsConfigured,
                    verifier.Options.ApiKeySettingHint), StatusCodes.Status403Forbidden);
            if (throttle.IsBlocked(context))
            {
                await LoginRateLimit.TooManyAsync(context);
                return Results.Empty;
            }
            if (!context.Request.HasFormContentType)
                return Html(StudioHtml.LoginPage(null, "Send the login form (application/x-www-form-urlencoded).", verifier.IsConfigured,
                    verifier.Options.ApiKeySettingHint), StatusCodes.Status400BadRequest);
            var form = await context.Request.ReadFormAsync(context.RequestAborted);
            var returnUrl = SafeReturnUrl(form["returnUrl"].ToString());
            if (!verifier.Matches(form["apiKey"].ToString()))
            {
                throttle.RecordFailure(context);
                var error = verifier.IsConfigured ? "That API key is not right." : null;
                return Html(StudioHtml.LoginPage(returnUrl, error, verifier.IsConfigured, verifier.Options.ApiKeySettingHint),
                    StatusCodes.Status401Unauthorized);
            }
            await context.SignInStudioAsync();
            return Results.Redirect(returnUrl);
        }).AllowAnonymous().DisableAntiforgery().RequireRateLimiting(LoginRateLimit.Policy);

        endpoints.MapPost(StudioStaticFiles.RequestPath + "/logout", async (HttpContext context) =>
        {
            // A foreign page must not be able to sign the user out (logout CSRF).
            if (!SameOrigin.IsAllowed(context.Request))
                return Results.Content("Sign-out must be sent from this server's own page.", "text/plain; charset=utf-8",
                    statusCode: StatusCodes.Status403Forbidden);
            await context.SignOutStudioAsync();
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

    private static IResult Html(string html, int status = StatusCodes.Status200OK) =>
        Results.Content(html, "text/html; charset=utf-8", statusCode: status);
}
