using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Workflows.Core.Persistence;
using Workflows.Core.Persistence.InMemory;

namespace Workflows.Hosting.Security;

/// <summary>Registers the API-key and session-cookie schemes and the two policies of the Elsa API and Studio.</summary>
internal static class SecurityServiceCollectionExtensions
{
    public static IServiceCollection AddStudioSecurity(this IServiceCollection services, StudioSecurityOptions options)
    {
        var verifier = new ApiKeyVerifier(options);
        services.AddSingleton(verifier);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<ISessionStore, InMemorySessionStore>();
        services.AddSingleton<StudioSessions>();
        services.AddSingleton(new FailedKeyThrottle(options.FailedAttemptsPerMinute));
        services.AddStudioLoginRateLimit(options);

        services.AddAuthentication(SecuritySchemes.ElsaApi)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(SecuritySchemes.ApiKey, null)
            .AddCookie(SecuritySchemes.StudioCookie, cookie =>
            {
                cookie.Cookie.Name = SecuritySchemes.CookieName;
                cookie.Cookie.HttpOnly = true;
                cookie.Cookie.SameSite = SameSiteMode.Strict;
                // Secure whenever the request was HTTPS, also behind a TLS proxy once Http:ForwardedHeaders trusts it.
                cookie.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                cookie.Cookie.Path = "/";
                cookie.ExpireTimeSpan = options.SessionLifetime;
                cookie.SlidingExpiration = true;
                cookie.LoginPath = "/studio/login";
                cookie.LogoutPath = "/studio/logout";
                cookie.ReturnUrlParameter = "returnUrl";
                cookie.Events.OnValidatePrincipal = async context =>
                {
                    // The session row decides: signed out, expired or issued for another key means no session.
                    var sessions = context.HttpContext.RequestServices.GetRequiredService<StudioSessions>();
                    if (!await sessions.IsValidAsync(context.Principal, context.HttpContext.RequestAborted))
                        context.RejectPrincipal();
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

    /// <summary>Signs the caller in with a new server-side session bound to the current key.</summary>
    public static async Task SignInStudioAsync(this HttpContext context)
    {
        var sessions = context.RequestServices.GetRequiredService<StudioSessions>();
        var principal = await sessions.CreateAsync(context.RequestAborted);
        await context.SignInAsync(SecuritySchemes.StudioCookie, principal);
    }

    /// <summary>Ends the caller's server-side session (if the cookie carries one) and clears the cookie.</summary>
    public static async Task SignOutStudioAsync(this HttpContext context)
    {
        var result = await context.AuthenticateAsync(SecuritySchemes.StudioCookie);
        await context.RequestServices.GetRequiredService<StudioSessions>().RevokeAsync(result.Principal, context.RequestAborted);
        await context.SignOutAsync(SecuritySchemes.StudioCookie);
    }

    private static bool IsApiRequest(HttpRequest request) => request.Path.StartsWithSegments("/elsa");

    private static Task Redirect(RedirectContext<CookieAuthenticationOptions> context)
    {
        context.Response.Redirect(context.RedirectUri);
        return Task.CompletedTask;
    }
}
