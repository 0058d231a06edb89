using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Recipes.Ci.Persistence.DesignTime;

/// <summary>Lets <c>dotnet ef migrations add --context SqliteRecipesDbContext</c> build the context without a host.</summary>
internal sealed class SqliteRecipesDesignTimeFactory : IDesignTimeDbContextFactory<SqliteRecipesDbContext>
{
    public SqliteRecipesDbContext CreateDbContext(string[] args)
    {
        var builder = new DbContextOptionsBuilder<SqliteRecipesDbContext>();
        RecipesDbOptions.ConfigureSqlite(builder, "Data Source=design-time.db");
        return new SqliteRecipesDbContext(builder.Options);
    }
}
