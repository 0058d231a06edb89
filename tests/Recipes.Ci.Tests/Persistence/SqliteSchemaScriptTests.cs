using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.DependencyInjection;
using Recipes.Ci.Persistence;
using TestKit;
using Workflows.Persistence.Configuration;

namespace Recipes.Ci.Tests.Persistence;

/// <summary>
/// A new SQLite file gets the domain's schema from the embedded script (<see cref="SqliteSchemaScript"/>): the script
/// must be what EF Core generates from the migrations, and give the schema that EF Core's migrator gives.
/// </summary>
public sealed class SqliteSchemaScriptTests
{
    [Fact]
    public void The_script_is_what_EF_Core_generates_from_the_migrations()
    {
        using var db = Context("Data Source=:memory:");
        var generated = db.GetService<IMigrator>().GenerateScript(options: MigrationsSqlGenerationOptions.NoTransactions);

        Assert.DoesNotContain("PRAGMA", generated, StringComparison.OrdinalIgnoreCase);
        SqliteSchemaScripts.AssertCurrent(generated, SqliteSchemaScript.Read(typeof(SqliteRecipesDbContext)),
            "src/Recipes.Ci/Persistence/Migrations/Sqlite/SqliteRecipesDbContext.sql");
    }

    [Fact]
    public void The_migrator_knows_the_migrations_EF_Core_finds()
    {
        using var db = Context("Data Source=:memory:");
        Assert.Equal(db.Database.GetMigrations(), ((IMigratableDatabase)db).KnownMigrations);
    }

    [Fact]
    public async Task A_new_file_gets_the_same_schema_from_the_script_as_from_EF_Core_migrations()
    {
        using var folder = new TempFolder("recipes-schema");
        var scripted = $"Data Source={Path.Combine(folder.Path, "scripted.db")}";
        var migrated = $"Data Source={Path.Combine(folder.Path, "migrated.db")}";
        var services = new ServiceCollection().AddRecipesPersistence(new PersistenceOptions(DatabaseProvider.Sqlite, scripted));
        await using (var provider = services.BuildServiceProvider())
            await provider.GetRequiredService<RecipesDatabaseMigrator>().MigrateAsync(CancellationToken.None);
        await using (var db = Context(migrated))
            await db.Database.MigrateAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();

        Assert.Equal(await SqliteSchemaScripts.DescribeAsync(migrated, RecipesDbContext.MigrationsHistoryTable),
            await SqliteSchemaScripts.DescribeAsync(scripted, RecipesDbContext.MigrationsHistoryTable));
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
    }

    private static SqliteRecipesDbContext Context(string connectionString)
    {
        var builder = new DbContextOptionsBuilder<SqliteRecipesDbContext>();
        RecipesDbOptions.ConfigureSqlite(builder, connectionString);
        return new SqliteRecipesDbContext(builder.Options);
    }
}
