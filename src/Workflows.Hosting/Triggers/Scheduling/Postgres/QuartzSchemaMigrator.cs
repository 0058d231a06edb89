using Npgsql;

namespace Workflows.Hosting.Triggers.Scheduling.Postgres;

/// <summary>
/// Creates the <c>qrtz_*</c> tables of the clustered scheduler store (embedded <c>quartz-schema.sql</c>). Idempotent,
/// and run under a session advisory lock, so nodes starting together create them once; Quartz then validates the
/// schema itself when the scheduler starts.
/// </summary>
public sealed class QuartzSchemaMigrator(SchedulerOptions options, ILogger<QuartzSchemaMigrator> logger)
{
    /// <summary>Advisory lock key: "rcquartz" in ASCII, distinct from the workflow migration's key.</summary>
    private const long AdvisoryLockKey = 0x7263717561727A;

    private const string ResourceName = "Workflows.Hosting.Triggers.Scheduling.Postgres.quartz-schema.sql";

    public async Task MigrateAsync(CancellationToken cancellationToken)
    {
        var connectionString = options.ClusterConnectionString
                               ?? throw new InvalidOperationException("The Quartz schema is only created for the clustered (PostgreSQL) store.");
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await ExecuteAsync(connection, $"select pg_advisory_lock({AdvisoryLockKey})", cancellationToken);
        try
        {
            await ExecuteAsync(connection, await ReadScriptAsync(cancellationToken), cancellationToken);
            logger.LogDebug("Quartz scheduler tables are in place");
        }
        finally
        {
            // Not cancellable: the lock must go even when start-up is being cancelled.
            await ExecuteAsync(connection, $"select pg_advisory_unlock({AdvisoryLockKey})", CancellationToken.None);
        }
    }

    private static async Task<string> ReadScriptAsync(CancellationToken cancellationToken)
    {
        await using var stream = typeof(QuartzSchemaMigrator).Assembly.GetManifestResourceStream(ResourceName)
                                 ?? throw new InvalidOperationException($"Embedded resource {ResourceName} is missing.");
        using var reader = new StreamReader(stream);
        return await reader.ReadToEndAsync(cancellationToken);
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
