using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Workflows.Core.Activities;

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

    /// <summary>Adds <see cref="ReadWebhook"/> to an engine's registry (harmless when already there).</summary>
    public static ActivityRegistry RegisterWebhookActivities(this ActivityRegistry registry)
    {
        if (!registry.Contains(ActivityDescriber.Describe(typeof(ReadWebhook)).TypeName))
            registry.Register(typeof(ReadWebhook));
        return registry;
    }
}
