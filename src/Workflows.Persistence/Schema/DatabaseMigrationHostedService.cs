using Microsoft.Extensions.Hosting;

namespace Workflows.Persistence.Schema;

/// <summary>
/// Applies migrations while the host starts. Registered by <c>AddWorkflowPersistence</c> before the engine's own hosted
/// services, and hosted services start in registration order, so nothing touches the tables before they exist.
/// </summary>
public sealed class DatabaseMigrationHostedService(DatabaseMigrator migrator) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => migrator.MigrateAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
