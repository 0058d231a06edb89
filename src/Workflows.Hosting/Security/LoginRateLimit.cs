using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.DependencyInjection;

namespace Workflows.Hosting.Security;

/// <summary>
/// ASP.NET Core rate limiting of the login form: <see cref="StudioSecurityOptions.LoginAttemptsPerMinute"/> posts per
/// client address and minute, then 429 with Retry-After. (Wrong keys are also counted by <see cref="FailedKeyThrottle"/>.)
/// </summary>
public static class LoginRateLimit
{
    public const string Policy = "studio-login";

    internal static IServiceCollection AddStudioLoginRateLimit(this IServiceCollection services, StudioSecurityOptions options) =>
        services.AddRateLimiter(limiter =>
        {
            limiter.AddPolicy(Policy, context => RateLimitPartition.GetFixedWindowLimiter(FailedKeyThrottle.ClientOf(context),
                _ => new FixedWindowRateLimiterOptions { PermitLimit = options.LoginAttemptsPerMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));
            limiter.OnRejected = (rejected, cancellationToken) => new ValueTask(TooManyAsync(rejected.HttpContext));
        });

    /// <summary>The 429 answer: JSON with the reason and a Retry-After header.</summary>
    public static Task TooManyAsync(HttpContext context)
    {
        context.Response.Headers.RetryAfter = ((int)FailedKeyThrottle.RetryAfter.TotalSeconds).ToString(CultureInfo.InvariantCulture);
        return SecurityResponses.WriteJsonAsync(context, StatusCodes.Status429TooManyRequests, "too-many-attempts",
            "Too many sign-in attempts from this address; wait a minute and try again.");
    }

    /// <summary>Adds the rate-limiting middleware; call after routing is set up (WebApplication does that first).</summary>
    public static WebApplication UseStudioLoginRateLimit(this WebApplication app)
    {
        app.UseRateLimiter();
        return app;
    }
}
