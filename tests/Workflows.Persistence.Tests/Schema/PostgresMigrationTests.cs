using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Workflows.Persistence.Data;
using Workflows.Persistence.Tests.Fixtures;

namespace Workflows.Persistence.Tests.Schema;

[Trait("Category", "Services")]
public sealed class PostgresMigrationTests
{
    [Fact]
    public async Task The_migrator_creates_a_missing_database_applies_every_migration_and_is_idempotent()
    {
        await using var database = new PostgresTestDatabase();
        await using var host = await PersistenceHost.StartAsync(database);
        await host.Migrator.MigrateAsync(CancellationToken.None);

        await using var db = host.Services.GetRequiredService<IDbContextFactory<WorkflowsDbContext>>().CreateDbContext();
        Assert.Equal(db.Database.GetMigrations(), await db.Database.GetAppliedMigrationsAsync());
        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        Assert.Equal(0L, await new IndependentReader(database.Options).ScalarAsync("""SELECT COUNT(*) FROM "WorkflowInstances";"""));
    }

    [Fact]
    public async Task Nodes_starting_at_once_on_an_empty_database_migrate_it_exactly_once()
    {
        await using var database = new PostgresTestDatabase();
        await database.CreateAsync();
        var hosts = new List<PersistenceHost>();
        try
        {
            var starts = Enumerable.Range(0, 4).Select(_ => Task.Run(() => PersistenceHost.StartAsync(database))).ToList();
            hosts.AddRange(await Task.WhenAll(starts));

            var reader = new IndependentReader(database.Options);
            await using var db = hosts[0].Services.GetRequiredService<IDbContextFactory<WorkflowsDbContext>>().CreateDbContext();
            Assert.Equal((long)db.Database.GetMigrations().Count(), await reader.ScalarAsync("""SELECT COUNT(*) FROM "__EFMigrationsHistory";"""));
        }
        finally
        {
            foreach (var host in hosts)
            {
                await host.DisposeAsync();
            }
        }
    }
}
