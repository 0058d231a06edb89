using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Recipes.Ci.Canonicals;
using Recipes.Ci.Catalog;
using Recipes.Ci.Forge;
using Recipes.Ci.Http;
using Recipes.Ci.Locking;
using Recipes.Ci.Persistence;
using Recipes.Ci.Secrets;
using Recipes.Ci.Testing;
using Recipes.Swarm;
using Recipes.Swarm.Snapshots;
using Workflows.Core;

namespace Recipes.Ci.Activities;

/// <summary>Recipes.Ci's one registration (the project's composition lives beside its activities, the only part that may touch the engine's activity API).</summary>
public static class RecipesCiServiceCollectionExtensions
{
    /// <summary>
    /// Everything the Recipes.* activities need: the domain database (<see cref="RecipesDbContext"/>, migrated by a
    /// hosted service), Docker and Swarm services (<see cref="RecipesSwarmServiceCollectionExtensions.AddRecipesSwarm"/>),
    /// the catalog and test runner, run labels, canonicals, app locks and their lease heartbeat, and the parts
    /// <paramref name="configure"/> takes (<see cref="RecipesCiBuilder"/>: warm dependencies, the forge, the webhook
    /// gate). Services another module registered first (e.g. an IDockerClient) are kept.
    /// </summary>
    public static IServiceCollection AddRecipesCi(this IServiceCollection services, RecipeCiOptions options, Action<RecipesCiBuilder>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        services.AddLogging();
        // One registry for the engine, the Elsa API and Studio: the built-ins plus the Recipes.* activities.
        services.AddWorkflowsCore(registry => RecipeActivities.Register(registry));
        services.TryAddSingleton(options);
        services.TryAddSingleton(options.Locks);
        services.TryAddSingleton(TimeProvider.System);
        services.AddRecipeCiHttpClients();
        services.AddRecipesPersistence(options.Persistence);
        services.AddHostedService<RecipesMigrationHostedService>();
        services.AddHostedService<AppLockHeartbeat>();
        services.AddRecipesSwarm(options.Docker, options.Swarm, new SnapshotOptions(options.Paths.SnapshotsRoot, options.SnapshotTransport));

        services.TryAddSingleton(sp => new RecipeCatalog(options.Paths.RecipesRoot, options.WorkTreesRoot, sp.GetRequiredService<ILogger<RecipeCatalog>>()));
        services.TryAddSingleton(_ => new ShellCommand());
        services.TryAddSingleton<UserSandbox>();
        services.TryAddSingleton(options.Tests);
        services.TryAddSingleton<TestSandbox>();
        services.TryAddSingleton<RecipeTestRunner>();

        services.TryAddSingleton(options.RunPages);
        services.TryAddSingleton<RunPageLinks>();
        services.TryAddSingleton<IRunPageLinks>(sp => sp.GetRequiredService<RunPageLinks>());
        services.TryAddSingleton<RunContextFactory>();
        services.TryAddSingleton(new SecretStore(Path.Combine(options.DataDir, "secrets")));
        services.TryAddSingleton<SecretGenerator>();
        services.TryAddSingleton<AppSecrets>();
        services.TryAddSingleton<AppSpecLoader>();
        services.TryAddSingleton<RunWorkspace>();
        services.TryAddSingleton<RunDeploySteps>();
        services.TryAddSingleton<AppDeployer>();
        services.TryAddSingleton<VersionLabelCheck>();
        services.TryAddSingleton<SnapshotRestorer>();
        services.TryAddSingleton<CanonicalServer>();
        services.AddForgeDefaults(options);
        services.TryAddSingleton<PromotionPolicy>();
        configure?.Invoke(new RecipesCiBuilder(services));
        return services;
    }
}
