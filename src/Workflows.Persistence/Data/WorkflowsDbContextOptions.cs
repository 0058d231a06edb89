using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
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
        builder.UseNpgsql(PostgresConnectionStrings.Normalize(connectionString));
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

    private static DbContextOptionsBuilder ConfigureCommon(DbContextOptionsBuilder builder) =>
        // Stores read with projections and write explicitly; tracking would only cost memory and time.
        builder.UseQueryTrackingBehavior(QueryTrackingBehavior.NoTracking);
}
