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
using Workflows.Core.Activities;
using Workflows.Core.Persistence;

namespace Recipes.Ci.Activities;

public static class RecipeCiServiceCollectionExtensions
{
    /// <summary>
    /// Everything the Recipes.* activities need: the domain database (<see cref="RecipesDbContext"/>, migrated by a
    /// hosted service), Docker and Swarm services (<see cref="RecipesSwarmServiceCollectionExtensions.AddRecipesSwarm"/>),
    /// the catalog and test runner, run labels, canonicals, app locks and their lease heartbeat. Services another module registered first (e.g. an IDockerClient) are kept.
    /// </summary>
    public static IServiceCollection AddRecipeCi(this IServiceCollection services, RecipeCiOptions options, bool instanceStoreLiveness = false)
    {
        services.AddLogging();
        // One registry for the engine, the Elsa API and Studio: the built-ins plus the Recipes.* activities.
        services.AddActivities(registry => RecipeActivities.Register(registry));
        services.TryAddSingleton(options);
        services.TryAddSingleton(options.Locks);
        services.TryAddSingleton(TimeProvider.System);
        services.AddRecipeCiHttpClients();
        services.AddRecipesPersistence(options.Persistence);
        services.AddHostedService<RecipesMigrationHostedService>();
        services.AddHostedService<AppLockHeartbeat>();
        if (instanceStoreLiveness)
            services.AddSingleton<IRunInstanceLiveness>(sp => new InstanceStoreLiveness(sp.GetRequiredService<IWorkflowInstanceStore>()));

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
        return services;
    }
}
