using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;
using Workflows.Persistence.Configuration;

namespace Workflows.Persistence.Tests.Fixtures;

/// <summary>What another process would see: read through a fresh, unpooled ADO.NET connection, outside EF and its pools.</summary>
public sealed class IndependentReader(PersistenceOptions options)
{
    public sealed record InstanceSnapshot(string SubStatus, string VariablesJson, long ExecutionRecords, long LogRecords);

    public async Task<InstanceSnapshot?> ReadInstanceAsync(string instanceId)
    {
        await using var connection = Open();
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT i."SubStatus", i."VariablesJson",
                   (SELECT COUNT(*) FROM "ActivityExecutionRecords" r WHERE r."WorkflowInstanceId" = i."Id"),
                   (SELECT COUNT(*) FROM "ExecutionLogRecords" l WHERE l."WorkflowInstanceId" = i."Id")
            FROM "WorkflowInstances" i WHERE i."Id" = @id
            """;
        var parameter = command.CreateParameter();
        parameter.ParameterName = "@id";
        parameter.Value = instanceId;
        command.Parameters.Add(parameter);
        await using var reader = await command.ExecuteReaderAsync();
        if (!await reader.ReadAsync())
        {
            return null;
        }
        return new InstanceSnapshot(reader.GetString(0), reader.GetString(1), reader.GetInt64(2), reader.GetInt64(3));
    }

    public async Task<object?> ScalarAsync(string sql)
    {
        await using var connection = Open();
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteScalarAsync();
    }

    private DbConnection Open() => options.Provider switch
    {
        DatabaseProvider.Sqlite => new SqliteConnection(new SqliteConnectionStringBuilder(options.ConnectionString) { Pooling = false }.ConnectionString),
        _ => new NpgsqlConnection(new NpgsqlConnectionStringBuilder(options.ConnectionString) { Pooling = false }.ConnectionString),
    };
}
