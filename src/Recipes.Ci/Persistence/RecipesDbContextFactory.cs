using Microsoft.EntityFrameworkCore;

namespace Recipes.Ci.Persistence;

/// <summary>Hands out the provider's context as the shared base type the stores use.</summary>
internal sealed class RecipesDbContextFactory<TContext>(IDbContextFactory<TContext> inner) : IDbContextFactory<RecipesDbContext>
    where TContext : RecipesDbContext
{
    public RecipesDbContext CreateDbContext() => inner.CreateDbContext();
}
