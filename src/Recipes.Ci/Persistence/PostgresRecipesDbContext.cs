using Microsoft.EntityFrameworkCore;
using Recipes.Ci.Persistence.Conversions;

namespace Recipes.Ci.Persistence;

/// <summary>The PostgreSQL flavour (timestamptz); migrations in <c>Persistence/Migrations/Postgres</c>.</summary>
public sealed class PostgresRecipesDbContext(DbContextOptions<PostgresRecipesDbContext> options) : RecipesDbContext(options)
{
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // Npgsql writes only offset-0 DateTimeOffset values to timestamptz.
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<UtcOffsetConverter>();
        configurationBuilder.Properties<DateTimeOffset?>().HaveConversion<UtcOffsetConverter>();
    }
}
