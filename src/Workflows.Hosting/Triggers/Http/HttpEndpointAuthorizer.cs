using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;

namespace Workflows.Hosting.Triggers.Http;

/// <summary>
/// Applies an endpoint's Authorize/Policy through ASP.NET's authorization: the named policy (any registered one,
/// e.g. a webhook signature policy) or, with Authorize alone, the default policy (an authenticated caller). The
/// policy's own authentication schemes are run first; handlers get the <see cref="HttpEndpointRequest"/> as resource.
/// </summary>
public sealed class HttpEndpointAuthorizer(IAuthorizationPolicyProvider policies, IPolicyEvaluator evaluator, IAuthorizationService authorization)
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
        // Authenticating sets HttpContext.User from the policy's schemes. Authorization then asks the service itself
        // (not the evaluator, which drops an anonymous caller's failure reasons, and webhooks are anonymous), so a
        // handler's own answer (HttpEndpointRefusal) is kept.
        await evaluator.AuthenticateAsync(policy, request.HttpContext);
        var result = await authorization.AuthorizeAsync(request.HttpContext.User, request, policy);
        if (result.Succeeded)
            return HttpEndpointAuthorization.Allowed;
        return result.Failure?.FailureReasons.OfType<HttpEndpointRefusal>().FirstOrDefault() is { } refusal
            ? HttpEndpointAuthorization.Refused(refusal)
            : HttpEndpointAuthorization.Denied;
    }
}
