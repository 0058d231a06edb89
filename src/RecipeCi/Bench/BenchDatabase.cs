using Microsoft.Data.Sqlite;
using Npgsql;
using Workflows.Persistence.Configuration;

namespace RecipeCi.Bench;

/// <summary>
/// The database a benchmark runs against: the one given with <c>--connection</c> (left in place), or a throw-away
/// one (a SQLite file in a temporary directory, or a <c>recipeci_bench_*</c> PostgreSQL database) removed afterwards.
/// </summary>
public sealed class BenchDatabase : IAsyncDisposable
{
    private const string DefaultPostgresServer = "Host=127.0.0.1;Port=5432;Username=postgres;Password=postgres";

    private readonly Func<ValueTask> _cleanup;

    private BenchDatabase(PersistenceOptions options, bool isThrowAway, Func<ValueTask> cleanup)
    {
        Options = options;
        IsThrowAway = isThrowAway;
        _cleanup = cleanup;
    }

    public PersistenceOptions Options { get; }

    public bool IsThrowAway { get; }

    public static BenchDatabase Open(DatabaseProvider provider, string? connectionString)
    {
        if (connectionString is not null)
        {
            return new BenchDatabase(new PersistenceOptions(provider, connectionString), false, () => ValueTask.CompletedTask);
        }
        return provider == DatabaseProvider.Sqlite ? ThrowAwaySqlite() : ThrowAwayPostgres();
    }

    public ValueTask DisposeAsync() => _cleanup();

    private static BenchDatabase ThrowAwaySqlite()
    {
        var directory = Path.Combine(Path.GetTempPath(), $"recipeci_bench_{Guid.NewGuid():N}");
        return new BenchDatabase(
            new PersistenceOptions(DatabaseProvider.Sqlite, PersistenceOptions.DefaultSqliteConnectionString(directory)),
            true,
            () =>
            {
                SqliteConnection.ClearAllPools();
                if (Directory.Exists(directory))
                {
                    Directory.Delete(directory, recursive: true);
                }
                return ValueTask.CompletedTask;
            });
    }

    private static BenchDatabase ThrowAwayPostgres()
    {
        // The migrator creates the database; we drop it.
        var name = $"recipeci_bench_{Guid.NewGuid():N}";
        var server = Environment.GetEnvironmentVariable("RECIPECI_TEST_POSTGRES") is { Length: > 0 } value ? value : DefaultPostgresServer;
        var connectionString = new NpgsqlConnectionStringBuilder(server) { Database = name }.ConnectionString;
        return new BenchDatabase(new PersistenceOptions(DatabaseProvider.PostgreSql, connectionString), true, async () =>
        {
            NpgsqlConnection.ClearAllPools();
            var maintenance = new NpgsqlConnectionStringBuilder(server) { Database = "postgres", Pooling = false };
            await using var connection = new NpgsqlConnection(maintenance.ConnectionString);
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", connection);
            await command.ExecuteNonQueryAsync();
        });
    }
}
