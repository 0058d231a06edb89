using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.DependencyInjection;
using TestKit;
using Workflows.Persistence.Configuration;
using Workflows.Persistence.Data;
using Workflows.Persistence.DependencyInjection;
using Workflows.Persistence.Schema;
using Workflows.Persistence.Tests.Fixtures;

namespace Workflows.Persistence.Tests.Schema;

/// <summary>
/// A new SQLite file gets the engine's schema from the embedded script (<see cref="SqliteSchemaScript"/>), not through
/// EF Core's migrator: the script must be what EF Core generates, give the same schema, and step aside for a file that
/// is behind.
/// </summary>
public sealed class SqliteSchemaScriptTests
{
    private const string History = "__EFMigrationsHistory";

    [Fact]
    public void The_script_and_the_known_migrations_are_what_EF_Core_finds()
    {
        using var db = Context("Data Source=:memory:");
        SqliteSchemaScripts.AssertCurrent(db, ((IMigratableDatabase)db).KnownMigrations, SqliteSchemaScript.Read(typeof(SqliteWorkflowsDbContext)),
            "src/Workflows.Persistence/Migrations/Sqlite/SqliteWorkflowsDbContext.sql");
    }

    [Fact]
    public Task A_new_file_gets_the_same_schema_from_the_script_as_from_EF_Core_migrations() =>
        SqliteSchemaScripts.AssertSameSchemaAsync(async connectionString =>
        {
            await using var services = new ServiceCollection()
                .AddWorkflowPersistence(new PersistenceOptions(DatabaseProvider.Sqlite, connectionString)).BuildServiceProvider();
            await services.GetRequiredService<DatabaseMigrator>().MigrateAsync(CancellationToken.None);
        }, Context, History);

    [Fact]
    public async Task A_file_behind_the_latest_migration_is_brought_up_by_EF_Core()
    {
        await using var behind = new SqliteTestDatabase();
        await using var fresh = new SqliteTestDatabase();
        string[] all;
        await using (var db = Context(behind.Options.ConnectionString))
        {
            all = [.. db.Database.GetMigrations()];
            await db.GetService<IMigrator>().MigrateAsync(all[0]);
        }

        await using var host = await PersistenceHost.StartAsync(behind);
        await using var fromScript = await PersistenceHost.StartAsync(fresh);

        await using var check = Context(behind.Options.ConnectionString);
        Assert.Equal(all, await check.Database.GetAppliedMigrationsAsync());
        Assert.Equal(
            (await SqliteSchemaScripts.DescribeAsync(fresh.Options.ConnectionString, History)).Where(l => !l.StartsWith("applied", StringComparison.Ordinal)),
            (await SqliteSchemaScripts.DescribeAsync(behind.Options.ConnectionString, History)).Where(l => !l.StartsWith("applied", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Two_starts_at_once_on_a_new_file_create_the_schema_once()
    {
        await using var database = new SqliteTestDatabase();
        await using var first = new ServiceCollection().AddWorkflowPersistence(database.Options).BuildServiceProvider();
        await using var second = new ServiceCollection().AddWorkflowPersistence(database.Options).BuildServiceProvider();

        await Task.WhenAll(
            Task.Run(() => first.GetRequiredService<DatabaseMigrator>().MigrateAsync(CancellationToken.None)),
            Task.Run(() => second.GetRequiredService<DatabaseMigrator>().MigrateAsync(CancellationToken.None)));

        await using var db = Context(database.Options.ConnectionString);
        Assert.Equal(db.Database.GetMigrations(), await db.Database.GetAppliedMigrationsAsync());
    }

    private static SqliteWorkflowsDbContext Context(string connectionString)
    {
        var builder = new DbContextOptionsBuilder<SqliteWorkflowsDbContext>();
        WorkflowsDbContextOptions.ConfigureSqlite(builder, connectionString);
        return new SqliteWorkflowsDbContext(builder.Options);
    }
}
