using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Workflows.Persistence.Configuration;

namespace Workflows.Persistence.Data;

/// <summary>Provider set-up shared by the DI registration, the design-time factories and the tests.</summary>
public static class WorkflowsDbContextOptions
{
    /// <summary>How long a SQLite writer waits for the write lock before failing with SQLITE_BUSY.</summary>
    public const int SqliteBusyTimeoutMilliseconds = SqliteConnectionStrings.BusyTimeoutMilliseconds;

    public static DbContextOptionsBuilder ConfigureSqlite(DbContextOptionsBuilder builder, string connectionString)
    {
        builder.UseSqlite(NormalizeSqliteConnectionString(connectionString));
        builder.AddInterceptors(new SqliteConnectionInterceptor(SqliteBusyTimeoutMilliseconds));
        return ConfigureCommon(builder);
    }

    public static DbContextOptionsBuilder ConfigurePostgres(DbContextOptionsBuilder builder, string connectionString)
    {
        builder.UseNpgsql(NormalizePostgresConnectionString(connectionString));
        return ConfigureCommon(builder);
    }

    public static DbContextOptionsBuilder Configure(DbContextOptionsBuilder builder, PersistenceOptions options) => options.Provider switch
    {
        DatabaseProvider.Sqlite => ConfigureSqlite(builder, options.ConnectionString),
        DatabaseProvider.PostgreSql => ConfigurePostgres(builder, options.ConnectionString),
        _ => throw new InvalidOperationException($"Unknown database provider {options.Provider}."),
    };

    /// <summary>See <see cref="SqliteConnectionStrings.Normalize"/>; kept here for the stores' callers.</summary>
    public static string NormalizeSqliteConnectionString(string connectionString) => SqliteConnectionStrings.Normalize(connectionString);

    /// <summary>
    /// Turns on Npgsql's automatic preparation unless the connection string sets it: the engine sends the same few
    /// statements (instance upsert, journal inserts) for every step, and a prepared statement skips parsing and planning.
    /// Also turns TLS off for a server on this machine (loopback or Unix socket) unless the connection string sets SSL Mode.
    /// </summary>
    public static string NormalizePostgresConnectionString(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        if (!builder.ContainsKey("Max Auto Prepare"))
        {
            builder.MaxAutoPrepare = 32;
            builder.AutoPrepareMinUsages = 2;
        }
        if (!builder.ContainsKey("SSL Mode") && IsLocal(builder.Host))
        {
            // Npgsql prefers TLS when the server offers it; over loopback or a Unix socket it protects nothing and costs
            // CPU on both ends at every round trip (a large share of a step's cost). Set SSL Mode to keep it.
            builder.SslMode = SslMode.Disable;
        }
        return builder.ToString();
    }

    private static bool IsLocal(string? host) =>
        host is "localhost" or "127.0.0.1" or "::1" or "[::1]"
        || (host is { Length: > 0 } && host.StartsWith('/'));

    private static DbContextOptionsBuilder ConfigureCommon(DbContextOptionsBuilder builder) =>
        // Stores read with projections and write explicitly; tracking would only cost memory and time.
        builder.UseQueryTrackingBehavior(QueryTrackingBehavior.NoTracking);
}
