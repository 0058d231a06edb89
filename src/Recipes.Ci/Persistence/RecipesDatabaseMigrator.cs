using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Npgsql;
using Workflows.Persistence.Configuration;

namespace Recipes.Ci.Persistence;

/// <summary>
/// Brings the domain tables to the latest migration. Idempotent; on PostgreSQL it runs under its own session advisory
/// lock so nodes starting together migrate one after the other, and it creates the database when it is missing (a
/// <c>recipeci run</c> may be the first to touch it).
/// </summary>
public sealed class RecipesDatabaseMigrator(
    IDbContextFactory<RecipesDbContext> contextFactory,
    PersistenceOptions options,
    ILogger<RecipesDatabaseMigrator> logger)
{
    /// <summary>"rcrecipe" in ASCII: distinct from the engine's migration lock.</summary>
    private const long AdvisoryLockKey = 0x7263726563697065;

    private const string InvalidCatalogName = "3D000";
    private const string DuplicateDatabase = "42P04";
    private const string UniqueViolation = "23505";

    public async Task MigrateAsync(CancellationToken cancellationToken)
    {
        if (options.Provider == DatabaseProvider.Sqlite)
        {
            await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
            await db.Database.OpenConnectionAsync(cancellationToken);
            // WAL: concurrent runs (separate processes) read labels while one writes.
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
            await ApplyAsync(db, cancellationToken);
            return;
        }

        await EnsurePostgresDatabaseAsync(cancellationToken);
        await using var lockConnection = new NpgsqlConnection(options.ConnectionString);
        await lockConnection.OpenAsync(cancellationToken);
        await ExecuteAsync(lockConnection, $"SELECT pg_advisory_lock({AdvisoryLockKey})", cancellationToken);
        try
        {
            await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
            await ApplyAsync(db, cancellationToken);
        }
        finally
        {
            await ExecuteAsync(lockConnection, $"SELECT pg_advisory_unlock({AdvisoryLockKey})", CancellationToken.None);
        }
    }

    private async Task ApplyAsync(RecipesDbContext db, CancellationToken cancellationToken)
    {
        var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
        if (pending.Count == 0)
            return;
        logger.LogInformation("Applying {Count} recipe-CI migration(s): {Migrations}", pending.Count, string.Join(", ", pending));
        await db.Database.MigrateAsync(cancellationToken);
    }

    private async Task EnsurePostgresDatabaseAsync(CancellationToken cancellationToken)
    {
        try
        {
            await using var probe = new NpgsqlConnection(options.ConnectionString);
            await probe.OpenAsync(cancellationToken);
            return;
        }
        catch (PostgresException e) when (e.SqlState == InvalidCatalogName)
        {
            // Missing: create it below.
        }
        var target = new NpgsqlConnectionStringBuilder(options.ConnectionString);
        var name = target.Database ?? throw new InvalidOperationException("The PostgreSQL connection string names no database.");
        var maintenance = new NpgsqlConnectionStringBuilder(options.ConnectionString) { Database = "postgres", Pooling = false };
        await using var connection = new NpgsqlConnection(maintenance.ConnectionString);
        await connection.OpenAsync(cancellationToken);
        try
        {
            await ExecuteAsync(connection, $"CREATE DATABASE \"{name.Replace("\"", "\"\"", StringComparison.Ordinal)}\"", cancellationToken);
        }
        catch (PostgresException e) when (e.SqlState is DuplicateDatabase or UniqueViolation)
        {
            // Someone else created it meanwhile.
        }
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
