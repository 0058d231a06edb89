using Microsoft.AspNetCore.Http;

namespace Workflows.Hosting.Api;

/// <summary>
/// Refuses state-changing calls whose <c>Origin</c> is another site. The session cookie is SameSite=Strict already;
/// this is the second line against cross-site requests riding on it (Studio sends no antiforgery token).
/// </summary>
public sealed class SameOriginFilter : IEndpointFilter
{
    public ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var request = context.HttpContext.Request;
        var origin = request.Headers.Origin.ToString();
        if (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method) || string.IsNullOrEmpty(origin)
            || string.Equals(origin, $"{request.Scheme}://{request.Host}", StringComparison.OrdinalIgnoreCase))
            return next(context);
        return ValueTask.FromResult<object?>(
            ElsaJson.Error(StatusCodes.Status403Forbidden, "cross-origin", $"Requests from origin '{origin}' are not accepted."));
    }
}
