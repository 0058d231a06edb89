using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Recipes.Ci.Webhooks;

public static class WebhookServiceCollectionExtensions
{
    /// <summary>The CI webhook's gate and delivery store; needs <c>AddRecipeCi</c> (catalog and domain database).</summary>
    public static IServiceCollection AddCiWebhookGate(this IServiceCollection services, WebhookOptions options)
    {
        services.TryAddSingleton(options);
        services.TryAddSingleton<WebhookDeliveries>();
        services.TryAddSingleton<CiWebhookGate>();
        return services;
    }
}
