using Microsoft.EntityFrameworkCore;
using Recipes.Ci.Persistence;
using Workflows.Persistence.Configuration;

namespace Recipes.Ci.UnitTests.Persistence;

/// <summary>
/// The committed domain migrations describe the current model for both providers (no forgotten <c>migrations add</c>):
/// found at build time rather than by Migrate refusing to run at a server's start.
/// </summary>
public sealed class RecipesModelSnapshotTests
{
    private static SqliteRecipesDbContext SqliteContext()
    {
        var options = new DbContextOptionsBuilder<SqliteRecipesDbContext>();
        RecipesDbOptions.ConfigureSqlite(options, "Data Source=:memory:");
        return new SqliteRecipesDbContext(options.Options);
    }

    // No connection is opened: the check compares the model with the migrations' snapshot.
    private static PostgresRecipesDbContext PostgresContext()
    {
        var options = new DbContextOptionsBuilder<PostgresRecipesDbContext>();
        RecipesDbOptions.ConfigurePostgres(options, "Host=127.0.0.1;Database=unused");
        return new PostgresRecipesDbContext(options.Options);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public void The_migrations_match_the_model(DatabaseProvider provider)
    {
        using RecipesDbContext db = provider == DatabaseProvider.Sqlite ? SqliteContext() : PostgresContext();

        Assert.False(db.Database.HasPendingModelChanges(),
            $"The {provider} model has changes without a migration: add one per provider (src/Workflows.Persistence/README.md).");
        Assert.NotEmpty(db.Database.GetMigrations());
    }
}
