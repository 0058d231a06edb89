using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Recipes.Ci.Persistence.DesignTime;

/// <summary>Lets <c>dotnet ef migrations add --context PostgresRecipesDbContext</c> build the context without a server.</summary>
internal sealed class PostgresRecipesDesignTimeFactory : IDesignTimeDbContextFactory<PostgresRecipesDbContext>
{
    public PostgresRecipesDbContext CreateDbContext(string[] args)
    {
        var builder = new DbContextOptionsBuilder<PostgresRecipesDbContext>();
        RecipesDbOptions.ConfigurePostgres(builder, "Host=localhost;Database=recipeci_design");
        return new PostgresRecipesDbContext(builder.Options);
    }
}
