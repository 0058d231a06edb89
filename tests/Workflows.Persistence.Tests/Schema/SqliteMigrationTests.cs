using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Workflows.Persistence.Data;
using Workflows.Persistence.Tests.Fixtures;

namespace Workflows.Persistence.Tests.Schema;

public sealed class SqliteMigrationTests
{
    [Fact]
    public async Task Migrations_apply_to_an_empty_file_switch_on_WAL_and_are_idempotent()
    {
        await using var database = new SqliteTestDatabase();
        await using var host = await PersistenceHost.StartAsync(database);
        await host.Migrator.MigrateAsync(CancellationToken.None);

        var reader = new IndependentReader(database.Options);
        Assert.Equal("wal", await reader.ScalarAsync("PRAGMA journal_mode;"));
        await using var db = host.Services.GetRequiredService<IDbContextFactory<WorkflowsDbContext>>().CreateDbContext();
        Assert.Equal(db.Database.GetMigrations(), await db.Database.GetAppliedMigrationsAsync());
        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        Assert.Equal(0L, await reader.ScalarAsync("""SELECT COUNT(*) FROM "WorkflowInstances";"""));
    }

    [Fact]
    public async Task The_pooled_connections_use_a_busy_timeout()
    {
        await using var database = new SqliteTestDatabase();
        await using var host = await PersistenceHost.StartAsync(database);
        await using var db = host.Services.GetRequiredService<IDbContextFactory<WorkflowsDbContext>>().CreateDbContext();
        await db.Database.OpenConnectionAsync();
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = "PRAGMA busy_timeout;";

        Assert.Equal((long)WorkflowsDbContextOptions.SqliteBusyTimeoutMilliseconds, await command.ExecuteScalarAsync());
    }
}
