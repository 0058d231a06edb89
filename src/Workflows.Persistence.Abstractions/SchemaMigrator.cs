using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Workflows.Persistence.Configuration;

/// <summary>
/// Brings a database to its latest migration at start; idempotent (applied migrations are skipped). The engine's and
/// the domain's migrators are this class closed over their EF Core context, each with its own lock key.
/// <list type="bullet">
/// <item>On SQLite it switches the file to WAL first. A database without this schema's history table is created from
/// the context's <see cref="SqliteSchemaScript"/> in one write transaction, and one whose history already lists every
/// migration is left alone; only a database that is behind goes through EF Core's migrator. Both shortcuts read the
/// history table as EF Core does and skip the model building that the migrator starts with.</item>
/// <item>On PostgreSQL it creates the database when it is missing (a fresh install, or a <c>recipeci run</c> that is
/// the first to touch it) and migrates under a session advisory lock, so nodes starting together migrate one after
/// the other (the lock dies with the session if a node crashes mid-way).</item>
/// </list>
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
                applied = await MigrateSqliteAsync(cancellationToken);
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
        return await ApplyPendingAsync(database, cancellationToken);
    }

    private static async Task<IReadOnlyList<string>> ApplyPendingAsync(TDatabase database, CancellationToken cancellationToken)
    {
        var pending = (await database.GetPendingMigrationsAsync(cancellationToken)).ToList();
        if (pending.Count > 0)
            await database.MigrateAsync(cancellationToken);
        return pending;
    }

    private async Task<IReadOnlyList<string>> MigrateSqliteAsync(CancellationToken cancellationToken)
    {
        await using var connection = new SqliteConnection(SqliteConnectionStrings.Normalize(options.ConnectionString));
        await connection.OpenAsync(cancellationToken);
        await EnableSqliteWalAsync(connection, cancellationToken);
        await using var database = await open(cancellationToken);
        var known = database.KnownMigrations;
        var applied = await ReadSqliteHistoryAsync(connection, database.MigrationsHistoryTable, null, cancellationToken);
        if (applied is not null && known.All(applied.Contains))
            return [];
        if (applied is null && database.SqliteCreateScript is { } script && await CreateSqliteSchemaAsync(connection, database.MigrationsHistoryTable, script, cancellationToken))
            return known;
        return await ApplyPendingAsync(database, cancellationToken);
    }

    /// <summary>
    /// Runs the schema script in one write transaction, unless the history table exists by the time the write lock is
    /// held (another process starting on the same file created the schema first). False when it did not run.
    /// </summary>
    private static async Task<bool> CreateSqliteSchemaAsync(SqliteConnection connection, string historyTable, string script, CancellationToken cancellationToken)
    {
        // Immediate, not deferred: the write lock is held before the check, so two processes starting on one new file
        // cannot both run the script (the second waits for the lock, then finds the history table).
        await using var transaction = connection.BeginTransaction(deferred: false);
        if (await ReadSqliteHistoryAsync(connection, historyTable, transaction, cancellationToken) is not null)
            return false;
        await using (var command = connection.CreateCommand())
        {
            command.Transaction = transaction;
            command.CommandText = script;
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    /// <summary>The migration ids the history table lists; null when there is no such table yet.</summary>
    private static async Task<HashSet<string>?> ReadSqliteHistoryAsync(SqliteConnection connection, string historyTable, SqliteTransaction? transaction, CancellationToken cancellationToken)
    {
        await using var exists = connection.CreateCommand();
        exists.Transaction = transaction;
        exists.CommandText = "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = $name";
        exists.Parameters.AddWithValue("$name", historyTable);
        if (await exists.ExecuteScalarAsync(cancellationToken) is null)
            return null;
        await using var read = connection.CreateCommand();
        read.Transaction = transaction;
        read.CommandText = $"SELECT \"MigrationId\" FROM \"{historyTable.Replace("\"", "\"\"", StringComparison.Ordinal)}\"";
        var ids = new HashSet<string>(StringComparer.Ordinal);
        await using var reader = await read.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
            ids.Add(reader.GetString(0));
        return ids;
    }

    /// <summary>
    /// WAL is a property of the database file (every context on it opens it the same way, see
    /// <see cref="SqliteConnectionStrings"/>): readers no longer block the writer, concurrent runs (separate processes)
    /// read while one writes, and commits do not rewrite pages twice.
    /// </summary>
    private static async Task EnableSqliteWalAsync(SqliteConnection connection, CancellationToken cancellationToken)
    {
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
