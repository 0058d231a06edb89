using Microsoft.EntityFrameworkCore;
using Recipes.Ci.Persistence.Conversions;

namespace Recipes.Ci.Persistence;

/// <summary>The SQLite flavour; migrations in <c>Persistence/Migrations/Sqlite</c>.</summary>
public sealed class SqliteRecipesDbContext(DbContextOptions<SqliteRecipesDbContext> options) : RecipesDbContext(options)
{
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // SQLite cannot order or compare DateTimeOffset stored as text; UTC ticks in an INTEGER column can (lease expiry).
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<UtcTicksConverter>();
        configurationBuilder.Properties<DateTimeOffset?>().HaveConversion<UtcTicksConverter>();
    }
}
