using Microsoft.EntityFrameworkCore;
using Recipes.Ci.Persistence;

namespace Recipes.Ci.UnitTests.Persistence;

/// <summary>
/// The committed domain migrations describe the current model for both providers (no forgotten <c>migrations add</c>).
/// Migrate no longer makes this check at every start (see <see cref="RecipesDbOptions"/>), so it is made here.
/// </summary>
public sealed class RecipesModelSnapshotTests
{
    [Fact]
    public void The_sqlite_migrations_match_the_model()
    {
        var builder = new DbContextOptionsBuilder<SqliteRecipesDbContext>();
        RecipesDbOptions.ConfigureSqlite(builder, "Data Source=:memory:");
        using var db = new SqliteRecipesDbContext(builder.Options);

        Assert.False(db.Database.HasPendingModelChanges());
        Assert.NotEmpty(db.Database.GetMigrations());
    }

    [Fact]
    public void The_postgres_migrations_match_the_model()
    {
        var builder = new DbContextOptionsBuilder<PostgresRecipesDbContext>();
        RecipesDbOptions.ConfigurePostgres(builder, "Host=127.0.0.1;Database=unused");
        using var db = new PostgresRecipesDbContext(builder.Options);

        Assert.False(db.Database.HasPendingModelChanges());
        Assert.NotEmpty(db.Database.GetMigrations());
    }
}
