using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Authorization;
using Recipes.Ci.Webhooks;
using Workflows.Hosting.Triggers.Http;

namespace RecipeCi.Webhooks;

/// <summary>
/// Runs the CI webhook gate on the raw body the HTTP endpoint hands over. A refused request gets the gate's own
/// answer (401 bad signature, 400 malformed payload, 409 replay, 200 ignored event...) and starts no workflow.
/// </summary>
public sealed class CiWebhookAuthorizationHandler(CiWebhookGate gate) : AuthorizationHandler<CiWebhookRequirement, HttpEndpointRequest>
{
    protected override async Task HandleRequirementAsync(AuthorizationHandlerContext context, CiWebhookRequirement requirement, HttpEndpointRequest resource)
    {
        var headers = resource.HttpContext.Request.Headers;
        var verdict = await gate.EvaluateAsync(name => headers.TryGetValue(name, out var value) ? value.ToString() : null,
            resource.Body, resource.HttpContext.RequestAborted);
        if (verdict.Accepted)
        {
            context.Succeed(requirement);
            return;
        }
        var details = verdict.Ignored ? new JsonObject { ["ignored"] = true } : null;
        context.Fail(new HttpEndpointRefusal(this, verdict.StatusCode, verdict.Error, verdict.Message, details));
    }
}
