using Microsoft.AspNetCore.Authorization;
using Recipes.Ci.Webhooks;
using Workflows.Hosting.Triggers.Http;

namespace RecipeCi.Webhooks;

public static class CiWebhookExtensions
{
    /// <summary><c>/workflows/ci</c> belongs to <c>workflows/ci.json</c>: no other workflow may publish or shadow it.</summary>
    public static ReservedHttpPath ReservedPath { get; } = new("ci", "ci", "the signed CI webhook");

    /// <summary>
    /// The <c>ci-webhook</c> authorization policy for <c>POST /workflows/ci</c>, checked by the gate Recipes.Ci registers
    /// (<c>UseWebhookGate</c>). It needs no authenticated user: the signature is the credential.
    /// </summary>
    public static IServiceCollection AddCiWebhookAuthorization(this IServiceCollection services)
    {
        services.AddSingleton<IAuthorizationHandler, CiWebhookAuthorizationHandler>();
        services.AddAuthorizationBuilder().AddPolicy(CiWebhookRequirement.PolicyName, policy => policy.AddRequirements(new CiWebhookRequirement()));
        return services;
    }
}
