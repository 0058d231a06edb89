using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Recipes.Ci.Webhooks;

internal static class WebhookServiceCollectionExtensions
{
    /// <summary>The CI webhook's gate and delivery store; taken with <c>AddRecipesCi(..., ci =needs <c>AddRecipeCi</c> (catalog and domain database)gt; ci.UseWebhookGate(...))</c>.</summary>
    public static IServiceCollection AddCiWebhookGate(this IServiceCollection services, WebhookOptions options)
    {
        services.TryAddSingleton(options);
        services.TryAddSingleton<WebhookDeliveries>();
        services.TryAddSingleton<CiWebhookGate>();
        return services;
    }
}
