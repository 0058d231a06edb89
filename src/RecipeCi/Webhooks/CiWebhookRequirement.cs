using Microsoft.AspNetCore.Authorization;

namespace RecipeCi.Webhooks;

/// <summary>The <c>ci-webhook</c> policy's requirement: the request passes <see cref="Recipes.Ci.Webhooks.CiWebhookGate"/>.</summary>
public sealed class CiWebhookRequirement : IAuthorizationRequirement
{
    /// <summary>The policy name <c>workflows/ci.json</c>'s HttpEndpoint names.</summary>
    public const string PolicyName = "ci-webhook";
}
