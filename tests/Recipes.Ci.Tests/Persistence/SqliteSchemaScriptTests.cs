using Microsoft.EntityFrameworkCore;
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
    public void The_script_and_the_known_migrations_are_what_EF_Core_finds()
    {
        using var db = Context("Data Source=:memory:");
        SqliteSchemaScripts.AssertCurrent(db, ((IMigratableDatabase)db).KnownMigrations, SqliteSchemaScript.Read(typeof(SqliteRecipesDbContext)),
            "src/Recipes.Ci/Persistence/Migrations/Sqlite/SqliteRecipesDbContext.sql");
    }

    [Fact]
    public Task A_new_file_gets_the_same_schema_from_the_script_as_from_EF_Core_migrations() =>
        SqliteSchemaScripts.AssertSameSchemaAsync(async connectionString =>
        {
            var services = new ServiceCollection().AddRecipesPersistence(new PersistenceOptions(DatabaseProvider.Sqlite, connectionString));
            await using var provider = services.BuildServiceProvider();
            await provider.GetRequiredService<RecipesDatabaseMigrator>().MigrateAsync(CancellationToken.None);
        }, Context, RecipesDbContext.MigrationsHistoryTable);

    private static SqliteRecipesDbContext Context(string connectionString)
    {
        var builder = new DbContextOptionsBuilder<SqliteRecipesDbContext>();
        RecipesDbOptions.ConfigureSqlite(builder, connectionString);
        return new SqliteRecipesDbContext(builder.Options);
    }
}
