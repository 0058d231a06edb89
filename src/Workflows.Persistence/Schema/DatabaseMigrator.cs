using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Npgsql;
using Workflows.Persistence.Configuration;
using Workflows.Persistence.Data;

namespace Workflows.Persistence.Schema;

/// <summary>
/// Brings the database to the latest migration at start. Idempotent (applied migrations are skipped). On PostgreSQL
/// the whole step runs under a session advisory lock, so nodes starting together migrate one after the other; the
/// lock dies with the session if a node crashes mid-way.
/// </summary>
public sealed class DatabaseMigrator(
    IDbContextFactory<WorkflowsDbContext> contextFactory,
    PersistenceOptions options,
    ILogger<DatabaseMigrator> logger)
{
    /// <summary>Advisory lock key: "rcmigrat" in ASCII, unlikely to collide with anyone else's key.</summary>
    private const long AdvisoryLockKey = 0x72636D6967726174;

    private const string DuplicateDatabase = "42P04";
    private const string InvalidCatalogName = "3D000";
    private const string UniqueViolation = "23505";

    public async Task MigrateAsync(CancellationToken cancellationToken)
    {
        switch (options.Provider)
        {
            case DatabaseProvider.Sqlite:
                await MigrateSqliteAsync(cancellationToken);
                break;
            case DatabaseProvider.PostgreSql:
                await MigratePostgresAsync(cancellationToken);
                break;
            default:
                throw new InvalidOperationException($"Unknown database provider {options.Provider}.");
        }
    }

    private async Task MigrateSqliteAsync(CancellationToken cancellationToken)
    {
        await using var db = contextFactory.CreateDbContext();
        await db.Database.OpenConnectionAsync(cancellationToken);
        // WAL is a property of the file: readers no longer block the writer, and commits do not rewrite pages twice.
        await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
        await ApplyAsync(db, cancellationToken);
    }

    private async Task MigratePostgresAsync(CancellationToken cancellationToken)
    {
        await EnsurePostgresDatabaseExistsAsync(cancellationToken);
        await using var lockConnection = new NpgsqlConnection(options.ConnectionString);
        await lockConnection.OpenAsync(cancellationToken);
        await ExecuteAsync(lockConnection, $"SELECT pg_advisory_lock({AdvisoryLockKey})", cancellationToken);
        try
        {
            await using var db = contextFactory.CreateDbContext();
            await ApplyAsync(db, cancellationToken);
        }
        finally
        {
            // Not cancellable: the lock must go even when start-up is being cancelled.
            await ExecuteAsync(lockConnection, $"SELECT pg_advisory_unlock({AdvisoryLockKey})", CancellationToken.None);
        }
    }

    private async Task ApplyAsync(WorkflowsDbContext db, CancellationToken cancellationToken)
    {
        var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
        if (pending.Count == 0)
        {
            logger.LogDebug("Database schema is up to date");
            return;
        }
        logger.LogInformation("Applying {Count} database migration(s): {Migrations}", pending.Count, string.Join(", ", pending));
        await db.Database.MigrateAsync(cancellationToken);
    }

    /// <summary>Creates the configured database when it does not exist yet (a fresh install); tolerates a concurrent creator.</summary>
    private async Task EnsurePostgresDatabaseExistsAsync(CancellationToken cancellationToken)
    {
        try
        {
            await using var probe = new NpgsqlConnection(options.ConnectionString);
            await probe.OpenAsync(cancellationToken);
            return;
        }
        catch (PostgresException e) when (e.SqlState == InvalidCatalogName)
        {
            // Fall through and create it.
        }

        var target = new NpgsqlConnectionStringBuilder(options.ConnectionString);
        var databaseName = target.Database ?? throw new InvalidOperationException("The PostgreSQL connection string names no database.");
        var maintenance = new NpgsqlConnectionStringBuilder(options.ConnectionString) { Database = "postgres", Pooling = false };
        await using var connection = new NpgsqlConnection(maintenance.ConnectionString);
        await connection.OpenAsync(cancellationToken);
        try
        {
            await ExecuteAsync(connection, $"CREATE DATABASE \"{databaseName.Replace("\"", "\"\"", StringComparison.Ordinal)}\"", cancellationToken);
            logger.LogInformation("Created PostgreSQL database {Database}", databaseName);
        }
        catch (PostgresException e) when (e.SqlState is DuplicateDatabase or UniqueViolation)
        {
            // Another node created it between our probe and our CREATE.
        }
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
