using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Recipes.Ci.Canonicals;
using Recipes.Ci.Locking;
using Recipes.Ci.Runs;
using Workflows.Persistence.Configuration;

namespace Recipes.Ci.Persistence;

internal static class RecipesPersistenceServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="RecipesDbContext"/> for the configured provider, its migrator and the domain stores
    /// (canonicals, run records, warm dependency state, app locks). Call <see cref="RecipesDatabaseMigrator.MigrateAsync"/>
    /// (or add <see cref="RecipesMigrationHostedService"/>) before use.
    /// </summary>
    public static IServiceCollection AddRecipesPersistence(this IServiceCollection services, PersistenceOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        services.TryAddSingleton(options);
        services.TryAddSingleton(TimeProvider.System);
        services.AddLogging();
        switch (options.Provider)
        {
            case DatabaseProvider.Sqlite:
                AddFactory<SqliteRecipesDbContext>(services, options);
                break;
            case DatabaseProvider.PostgreSql:
                AddFactory<PostgresRecipesDbContext>(services, options);
                break;
            default:
                throw new InvalidOperationException($"Unknown database provider {options.Provider}.");
        }
        services.TryAddSingleton<RecipesDatabaseMigrator>();
        services.TryAddSingleton<WarmDependencyStateStore>();
        services.TryAddSingleton<CanonicalRegistry>();
        services.TryAddSingleton<CanonicalServing>();
        services.TryAddSingleton<RunRecords>();
        services.TryAddSingleton<AppLocks>();
        return services;
    }

    private static void AddFactory<TContext>(IServiceCollection services, PersistenceOptions options) where TContext : RecipesDbContext
    {
        services.AddPooledDbContextFactory<TContext>(builder => RecipesDbOptions.Configure(builder, options));
        services.TryAddSingleton<IDbContextFactory<RecipesDbContext>, RecipesDbContextFactory<TContext>>();
    }
}
