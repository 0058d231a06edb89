using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Workflows.Persistence.Configuration;

namespace Recipes.Ci.Persistence;

/// <summary>
/// Brings the domain tables to the latest migration (see <see cref="SchemaMigrator{TDatabase}"/>); a
/// <c>recipeci run</c> may be the first to touch the database.
/// </summary>
public sealed class RecipesDatabaseMigrator(
    IDbContextFactory<RecipesDbContext> contextFactory,
    PersistenceOptions options,
    ILogger<RecipesDatabaseMigrator> logger)
    : SchemaMigrator<RecipesDbContext>(contextFactory.CreateDbContextAsync, options, logger, "recipe-CI", AdvisoryLockKey)
{
    /// <summary>"rcrecipe" in ASCII: distinct from the engine's migration lock.</summary>
    private const long AdvisoryLockKey = 0x7263726563697065;
}
