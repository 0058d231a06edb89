using Microsoft.Extensions.Hosting;

namespace Recipes.Ci.Persistence;

/// <summary>Applies the domain migrations while a host (the server) starts, before anything reads the tables.</summary>
public sealed class RecipesMigrationHostedService(RecipesDatabaseMigrator migrator) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => migrator.MigrateAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
