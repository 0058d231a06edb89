using Microsoft.Extensions.Hosting;

namespace Workflows.Hosting.Triggers.Scheduling.Postgres;

/// <summary>Creates the Quartz tables at start, before the scheduler (started after application start) touches them.</summary>
public sealed class QuartzSchemaHostedService(QuartzSchemaMigrator migrator) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => migrator.MigrateAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
