using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Workflows.Hosting.Security;

/// <summary>
/// Authenticates <c>Authorization: ApiKey &lt;key&gt;</c> (Elsa Studio's own header format). No header means
/// "no result" so the cookie can still apply; a wrong key fails. Challenges answer 401 JSON, never a redirect.
/// </summary>
public sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    ApiKeyVerifier verifier,
    FailedKeyThrottle throttle)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    private const string Prefix = "ApiKey ";
    private const string ThrottledItem = "recipeci:key-throttled";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (string.IsNullOrEmpty(header) || !header.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase))
            return Task.FromResult(AuthenticateResult.NoResult());
        if (throttle.IsBlocked(Context))
        {
            Context.Items[ThrottledItem] = true;
            return Task.FromResult(AuthenticateResult.Fail("Too many wrong API keys from this address."));
        }
        if (!verifier.Matches(header[Prefix.Length..].Trim()))
        {
            throttle.RecordFailure(Context);
            return Task.FromResult(AuthenticateResult.Fail("The API key is wrong."));
        }
        var identity = new ClaimsIdentity([new Claim(ClaimTypes.Name, "api-key")], SecuritySchemes.ApiKey);
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), Scheme.Name)));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties) =>
        Context.Items.ContainsKey(ThrottledItem)
            ? LoginRateLimit.TooManyAsync(Context)
            : SecurityResponses.WriteUnauthorizedAsync(Context, verifier);

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        SecurityResponses.WriteJsonAsync(Context, StatusCodes.Status403Forbidden, "forbidden", "These credentials may not do this.");
}
