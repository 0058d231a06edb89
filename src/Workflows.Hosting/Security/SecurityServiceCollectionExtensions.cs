using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Workflows.Hosting.Security;

/// <summary>Registers the API-key and session-cookie schemes and the two policies of the Elsa API and Studio.</summary>
public static class SecurityServiceCollectionExtensions
{
    /// <summary>The claim holding <see cref="ApiKeyVerifier.SessionFingerprint"/> in a session cookie.</summary>
    public const string FingerprintClaim = "recipeci:key-fingerprint";

    public static IServiceCollection AddStudioSecurity(this IServiceCollection services, StudioSecurityOptions options)
    {
        var verifier = new ApiKeyVerifier(options);
        services.AddSingleton(verifier);

        services.AddAuthentication(SecuritySchemes.ElsaApi)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(SecuritySchemes.ApiKey, null)
            .AddCookie(SecuritySchemes.StudioCookie, cookie =>
            {
                cookie.Cookie.Name = SecuritySchemes.CookieName;
                cookie.Cookie.HttpOnly = true;
                cookie.Cookie.SameSite = SameSiteMode.Strict;
                cookie.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                cookie.Cookie.Path = "/";
                cookie.ExpireTimeSpan = options.SessionLifetime;
                cookie.SlidingExpiration = true;
                cookie.LoginPath = "/studio/login";
                cookie.LogoutPath = "/studio/logout";
                cookie.ReturnUrlParameter = "returnUrl";
                cookie.Events.OnValidatePrincipal = context =>
                {
                    // A session ends when the key it was issued for is changed or removed.
                    if (!verifier.IsCurrentFingerprint(context.Principal?.FindFirstValue(FingerprintClaim)))
                        context.RejectPrincipal();
                    return Task.CompletedTask;
                };
                cookie.Events.OnRedirectToLogin = context => IsApiRequest(context.Request)
                    ? SecurityResponses.WriteUnauthorizedAsync(context.HttpContext, verifier)
                    : Redirect(context);
                cookie.Events.OnRedirectToAccessDenied = context =>
                    SecurityResponses.WriteJsonAsync(context.HttpContext, StatusCodes.Status403Forbidden, "forbidden", "Access denied.");
            })
            .AddPolicyScheme(SecuritySchemes.ElsaApi, "Elsa API key or Studio session", scheme =>
            {
                scheme.ForwardDefaultSelector = context =>
                    context.Request.Headers.Authorization.Count > 0 ? SecuritySchemes.ApiKey : SecuritySchemes.StudioCookie;
                // Whatever authenticated (or failed to), an API caller is told so in JSON.
                scheme.ForwardChallenge = SecuritySchemes.ApiKey;
                scheme.ForwardForbid = SecuritySchemes.ApiKey;
            });

        services.AddAuthorizationBuilder()
            .AddPolicy(SecuritySchemes.ElsaApiPolicy, policy => policy
                .AddAuthenticationSchemes(SecuritySchemes.ElsaApi)
                .RequireAuthenticatedUser())
            .AddPolicy(SecuritySchemes.StudioPolicy, policy => policy
                .AddAuthenticationSchemes(SecuritySchemes.StudioCookie)
                .RequireAuthenticatedUser());
        return services;
    }

    /// <summary>Signs the caller in with a session cookie bound to the current key.</summary>
    public static Task SignInStudioAsync(this HttpContext context, ApiKeyVerifier verifier)
    {
        var identity = new ClaimsIdentity(
            [new Claim(ClaimTypes.Name, "studio"), new Claim(FingerprintClaim, verifier.SessionFingerprint ?? string.Empty)],
            SecuritySchemes.StudioCookie);
        return context.SignInAsync(SecuritySchemes.StudioCookie, new ClaimsPrincipal(identity));
    }

    private static bool IsApiRequest(HttpRequest request) => request.Path.StartsWithSegments("/elsa");

    private static Task Redirect(RedirectContext<CookieAuthenticationOptions> context)
    {
        context.Response.Redirect(context.RedirectUri);
        return Task.CompletedTask;
    }
}
