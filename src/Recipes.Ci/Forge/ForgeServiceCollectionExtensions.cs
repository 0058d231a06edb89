using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Recipes.Ci.Runs;

namespace Recipes.Ci.Forge;

internal static class ForgeServiceCollectionExtensions
{
    /// <summary>
    /// The forge side with no forge configured: fetching from <c>origin</c> and an outbox that queues nothing.
    /// <c>AddRecipesCi</c> calls it, so every activity that reports to the forge can be built anywhere.
    /// </summary>
    public static IServiceCollection AddForgeDefaults(this IServiceCollection services, RecipeCiOptions options)
    {
        services.TryAddSingleton(ForgeOptions.None);
        services.TryAddSingleton<ForgeConnection>();
        services.TryAddSingleton<ForgeOutbox>();
        services.TryAddSingleton<ForgeOutboxClaims>();
        services.TryAddSingleton(sp => new RecipeRemotes(options.Paths.RecipesRoot, sp.GetRequiredService<ForgeOptions>(), sp.GetRequiredService<ILogger<RecipeRemotes>>()));
        return services;
    }

    /// <summary>The configured forge (<c>Forge:*</c>) and the hosted service that posts the outbox to it.</summary>
    public static IServiceCollection AddForge(this IServiceCollection services, ForgeOptions options)
    {
        services.RemoveAll<ForgeOptions>();
        services.AddSingleton(options);
        services.AddHostedService<ForgeOutboxService>();
        return services;
    }
}
