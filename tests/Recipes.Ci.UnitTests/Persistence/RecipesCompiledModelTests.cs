using Microsoft.EntityFrameworkCore;
using Recipes.Ci.Persistence;
using TestKit;
using Workflows.Persistence.Configuration;

namespace Recipes.Ci.UnitTests.Persistence;

/// <summary>
/// The domain's contexts start with a compiled model per provider (<c>Persistence/CompiledModels</c>); the committed code
/// must be what EF Core generates from the entities now.
/// </summary>
public sealed class RecipesCompiledModelTests
{
    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public void The_compiled_model_is_current(DatabaseProvider provider)
    {
        var flavour = provider == DatabaseProvider.Sqlite ? "Sqlite" : "Postgres";
        using DbContext db = provider == DatabaseProvider.Sqlite ? SqliteContext() : PostgresContext();

        CompiledModels.AssertCurrent(db, $"src/Recipes.Ci/Persistence/CompiledModels/{flavour}", $"Recipes.Ci.Persistence.CompiledModels.{flavour}");
    }

    private static SqliteRecipesDbContext SqliteContext()
    {
        var options = new DbContextOptionsBuilder<SqliteRecipesDbContext>();
        RecipesDbOptions.ConfigureSqlite(options, "Data Source=:memory:");
        return new SqliteRecipesDbContext(options.Options);
    }

    // No connection is opened: the model is generated from the entities.
    private static PostgresRecipesDbContext PostgresContext()
    {
        var options = new DbContextOptionsBuilder<PostgresRecipesDbContext>();
        RecipesDbOptions.ConfigurePostgres(options, "Host=127.0.0.1;Database=unused");
        return new PostgresRecipesDbContext(options.Options);
    }
}
