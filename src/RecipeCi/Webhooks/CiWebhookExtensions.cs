using Microsoft.AspNetCore.Authorization;
using Recipes.Ci.Webhooks;

namespace RecipeCi.Webhooks;

public static class CiWebhookExtensions
{
    /// <summary>
    /// The <c>ci-webhook</c> authorization policy for <c>POST /workflows/ci</c> (and the gate behind it). It needs no
    /// authenticated user: the signature is the credential.
    /// </summary>
    public static IServiceCollection AddCiWebhook(this IServiceCollection services, WebhookOptions options)
    {
        services.AddCiWebhookGate(options);
        services.AddSingleton<IAuthorizationHandler, CiWebhookAuthorizationHandler>();
        services.AddAuthorizationBuilder().AddPolicy(CiWebhookRequirement.PolicyName, policy => policy.AddRequirements(new CiWebhookRequirement()));
        return services;
    }
}
