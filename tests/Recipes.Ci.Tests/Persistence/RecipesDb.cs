using Microsoft.Extensions.DependencyInjection;
using Recipes.Ci.Locking;
using Recipes.Ci.Persistence;
using TestKit;
using Workflows.Persistence.Configuration;

namespace Recipes.Ci.Tests.Persistence;

/// <summary>A migrated domain database (SQLite file in a temp folder, or a fresh PostgreSQL database) with its stores.</summary>
public sealed class RecipesDb : IAsyncDisposable
{
    private readonly TempFolder? _folder;
    private readonly PostgresDatabase? _postgres;

    private RecipesDb(ServiceProvider services, TempFolder? folder, PostgresDatabase? postgres)
    {
        Services = services;
        _folder = folder;
        _postgres = postgres;
    }

    public ServiceProvider Services { get; }

    public T Get<T>() where T : notnull => Services.GetRequiredService<T>();

    public static async Task<RecipesDb> CreateAsync(DatabaseProvider provider, AppLockOptions? locks = null, TimeProvider? time = null,
        IRunInstanceLiveness? liveness = null)
    {
        TempFolder? folder = null;
        PostgresDatabase? postgres = null;
        PersistenceOptions options;
        if (provider == DatabaseProvider.Sqlite)
        {
            folder = new TempFolder("recipes-db");
            options = new PersistenceOptions(provider, $"Data Source={Path.Combine(folder.Path, "recipeci.db")}");
        }
        else
        {
            postgres = await PostgresDatabase.CreateAsync("recipes");
            options = new PersistenceOptions(provider, postgres.ConnectionString);
        }
        var services = new ServiceCollection();
        if (time is not null)
            services.AddSingleton(time);
        services.AddSingleton(locks ?? AppLockOptions.Default);
        if (liveness is not null)
            services.AddSingleton(liveness);
        services.AddRecipesPersistence(options);
        var provider1 = services.BuildServiceProvider();
        await provider1.GetRequiredService<RecipesDatabaseMigrator>().MigrateAsync(CancellationToken.None);
        return new RecipesDb(provider1, folder, postgres);
    }

    public async ValueTask DisposeAsync()
    {
        await Services.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (_postgres is not null)
            await _postgres.DisposeAsync();
        _folder?.Dispose();
    }
}
