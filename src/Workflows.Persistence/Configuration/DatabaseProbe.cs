using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Workflows.Persistence.Configuration;

/// <summary>Opens a plain connection to the configured database and runs <c>SELECT 1</c>: the health check's view of the store.</summary>
public sealed class DatabaseProbe(PersistenceOptions options)
{
    public async Task ProbeAsync(CancellationToken cancellationToken)
    {
        await using var connection = CreateConnection();
        await connection.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT 1";
        await command.ExecuteScalarAsync(cancellationToken);
    }

    private DbConnection CreateConnection() => options.Provider switch
    {
        DatabaseProvider.Sqlite => new SqliteConnection(options.ConnectionString),
        DatabaseProvider.PostgreSql => new NpgsqlConnection(options.ConnectionString),
        _ => throw new InvalidOperationException($"Unknown database provider {options.Provider}."),
    };
}
