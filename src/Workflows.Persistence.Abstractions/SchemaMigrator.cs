using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Workflows.Persistence.Configuration;

/// <summary>
/// Brings a database to its latest migration at start; idempotent (applied migrations are skipped). The engine's and
/// the domain's migrators are this class closed over their EF Core context, each with its own lock key. On SQLite it
/// switches the file to WAL first. On PostgreSQL it creates the database when it is missing (a fresh install, or a
/// <c>recipeci run</c> that is the first to touch it) and migrates under a session advisory lock, so nodes starting
/// together migrate one after the other (the lock dies with the session if a node crashes mid-way).
/// </summary>
/// <param name="open">Opens a session on the database (an EF Core context: this project takes no EF Core).</param>
/// <param name="subject">What the migrations are of, for the log ("database", "recipe-CI").</param>
/// <param name="advisoryLockKey">The PostgreSQL advisory lock that serializes this schema's migrations.</param>
public abstract class SchemaMigrator<TDatabase>(
    Func<CancellationToken, Task<TDatabase>> open,
    PersistenceOptions options,
    ILogger logger,
    string subject,
    long advisoryLockKey)
    where TDatabase : IMigratableDatabase
{
    private const string DuplicateDatabase = "42P04";
    private const string InvalidCatalogName = "3D000";
    private const string UniqueViolation = "23505";

    public async Task MigrateAsync(CancellationToken cancellationToken)
    {
        IReadOnlyList<string> applied;
        switch (options.Provider)
        {
            case DatabaseProvider.Sqlite:
                await EnableSqliteWalAsync(cancellationToken);
                applied = await ApplyPendingAsync(cancellationToken);
                break;
            case DatabaseProvider.PostgreSql:
                applied = await MigratePostgresAsync(cancellationToken);
                break;
            default:
                throw new InvalidOperationException($"Unknown database provider {options.Provider}.");
        }
        if (applied.Count == 0)
            logger.LogDebug("The {Subject} schema is up to date", subject);
        else
            logger.LogInformation("Applied {Count} {Subject} migration(s): {Migrations}", applied.Count, subject, string.Join(", ", applied));
    }

    private async Task<IReadOnlyList<string>> ApplyPendingAsync(CancellationToken cancellationToken)
    {
        await using var database = await open(cancellationToken);
        var pending = (await database.GetPendingMigrationsAsync(cancellationToken)).ToList();
        if (pending.Count > 0)
            await database.MigrateAsync(cancellationToken);
        return pending;
    }

    /// <summary>
    /// WAL is a property of the database file (every context on it opens it the same way, see
    /// <see cref="SqliteConnectionStrings"/>): readers no longer block the writer, concurrent runs (separate processes)
    /// read while one writes, and commits do not rewrite pages twice.
    /// </summary>
    private async Task EnableSqliteWalAsync(CancellationToken cancellationToken)
    {
        await using var connection = new SqliteConnection(SqliteConnectionStrings.Normalize(options.ConnectionString));
        await connection.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode=WAL;";
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private async Task<IReadOnlyList<string>> MigratePostgresAsync(CancellationToken cancellationToken)
    {
        await EnsureDatabaseExistsAsync(cancellationToken);
        await using var lockConnection = new NpgsqlConnection(options.ConnectionString);
        await lockConnection.OpenAsync(cancellationToken);
        await ExecuteAsync(lockConnection, $"SELECT pg_advisory_lock({advisoryLockKey})", cancellationToken);
        try
        {
            return await ApplyPendingAsync(cancellationToken);
        }
        finally
        {
            // Not cancellable: the lock must go even when start-up is being cancelled.
            await ExecuteAsync(lockConnection, $"SELECT pg_advisory_unlock({advisoryLockKey})", CancellationToken.None);
        }
    }

    /// <summary>Creates the configured database when it does not exist yet; tolerates a concurrent creator.</summary>
    private async Task EnsureDatabaseExistsAsync(CancellationToken cancellationToken)
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
