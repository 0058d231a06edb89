using Microsoft.EntityFrameworkCore;
using Workflows.Persistence.Configuration;

namespace Recipes.Ci.Persistence;

/// <summary>Provider set-up of <see cref="RecipesDbContext"/>, shared by DI, design-time factories and tests.</summary>
public static class RecipesDbOptions
{
    public static DbContextOptionsBuilder ConfigureSqlite(DbContextOptionsBuilder builder, string connectionString) =>
        builder.UseSqlite(
            SqliteConnectionStrings.Normalize(connectionString),
            sqlite => sqlite.MigrationsHistoryTable(RecipesDbContext.MigrationsHistoryTable));

    public static DbContextOptionsBuilder ConfigurePostgres(DbContextOptionsBuilder builder, string connectionString) =>
        builder.UseNpgsql(connectionString, npgsql => npgsql.MigrationsHistoryTable(RecipesDbContext.MigrationsHistoryTable));

    public static DbContextOptionsBuilder Configure(DbContextOptionsBuilder builder, PersistenceOptions options) => options.Provider switch
    {
        DatabaseProvider.Sqlite => ConfigureSqlite(builder, options.ConnectionString),
        DatabaseProvider.PostgreSql => ConfigurePostgres(builder, options.ConnectionString),
        _ => throw new InvalidOperationException($"Unknown database provider {options.Provider}."),
    };
}
