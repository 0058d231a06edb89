using Workflows.Hosting.Security;

namespace Workflows.Hosting.Api;

/// <summary>
/// Refuses API calls whose <c>Origin</c> (or <c>Sec-Fetch-Site</c>) names another site, whatever the verb: some routes
/// change state on GET (Elsa's <c>GET /workflow-definitions/{id}/execute</c>), and Studio itself always calls from
/// its own origin. The session cookie is SameSite=Strict already; this is the second line against cross-site
/// requests riding on it (Studio sends no antiforgery token).
/// </summary>
public sealed class SameOriginFilter : IEndpointFilter
{
    public ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var request = context.HttpContext.Request;
        if (SameOrigin.IsAllowed(request))
            return next(context);
        return ValueTask.FromResult<object?>(
            ElsaJson.Error(StatusCodes.Status403Forbidden, "cross-origin", $"Requests from {SameOrigin.Describe(request)} are not accepted."));
    }
}
