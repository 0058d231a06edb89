using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;

namespace Workflows.Hosting.Triggers.Http;

/// <summary>
/// Applies an endpoint's Authorize/Policy through ASP.NET's authorization: the named policy (any registered one,
/// e.g. a webhook signature policy) or, with Authorize alone, the default policy (an authenticated caller). The
/// policy's own authentication schemes are run first; handlers get the <see cref="HttpEndpointRequest"/> as resource.
/// </summary>
public sealed class HttpEndpointAuthorizer(IAuthorizationPolicyProvider policies, IPolicyEvaluator evaluator)
{
    public async Task<HttpEndpointAuthorization> AuthorizeAsync(HttpEndpointSettings settings, HttpEndpointRequest request)
    {
        if (!settings.NeedsAuthorization)
            return HttpEndpointAuthorization.Allowed;
        var policy = settings.Policy is { } name
            ? await policies.GetPolicyAsync(name)
            : await policies.GetDefaultPolicyAsync();
        if (policy is null)
            return HttpEndpointAuthorization.UnknownPolicy(settings.Policy!);
        var authentication = await evaluator.AuthenticateAsync(policy, request.HttpContext);
        var result = await evaluator.AuthorizeAsync(policy, authentication, request.HttpContext, request);
        return result.Succeeded ? HttpEndpointAuthorization.Allowed : HttpEndpointAuthorization.Denied;
    }
}
