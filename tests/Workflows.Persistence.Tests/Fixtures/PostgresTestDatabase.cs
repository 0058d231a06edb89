using Npgsql;
using Workflows.Persistence.Configuration;

namespace Workflows.Persistence.Tests.Fixtures;

/// <summary>
/// A uniquely named database (<c>rc_test_*</c>) on the PostgreSQL of <c>RECIPECI_TEST_POSTGRES</c>. It is created empty
/// by <see cref="CreateAsync"/> (or left for the migrator to create) and dropped with FORCE on dispose.
/// </summary>
public sealed class PostgresTestDatabase : ITestDatabase
{
    public const string EnvironmentVariable = "RECIPECI_TEST_POSTGRES";
    private const string DefaultServer = "Host=127.0.0.1;Port=5432;Username=postgres;Password=postgres";

    private readonly string _serverConnectionString;

    public PostgresTestDatabase()
    {
        _serverConnectionString = Environment.GetEnvironmentVariable(EnvironmentVariable) is { Length: > 0 } value ? value : DefaultServer;
        Name = $"rc_test_{Guid.NewGuid():N}";
        Options = new PersistenceOptions(
            DatabaseProvider.PostgreSql,
            new NpgsqlConnectionStringBuilder(_serverConnectionString) { Database = Name }.ConnectionString);
    }

    public string Name { get; }

    public PersistenceOptions Options { get; }

    public async Task CreateAsync()
    {
        await ExecuteOnServerAsync($"CREATE DATABASE \"{Name}\"");
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await ExecuteOnServerAsync($"DROP DATABASE IF EXISTS \"{Name}\" WITH (FORCE)");
    }

    private async Task ExecuteOnServerAsync(string sql)
    {
        var builder = new NpgsqlConnectionStringBuilder(_serverConnectionString) { Database = "postgres", Pooling = false };
        await using var connection = new NpgsqlConnection(builder.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
