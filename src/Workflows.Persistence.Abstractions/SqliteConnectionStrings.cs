using Microsoft.Data.Sqlite;

namespace Workflows.Persistence.Configuration;

/// <summary>The SQLite connection string as every context on the shared database file opens it.</summary>
public static class SqliteConnectionStrings
{
    /// <summary>How long a SQLite writer waits for the write lock before failing with SQLITE_BUSY.</summary>
    public const int BusyTimeoutMilliseconds = 30_000;

    /// <summary>
    /// Makes sure the database file's directory exists and that connections are pooled with a command timeout at least
    /// as long as the busy timeout (Microsoft.Data.Sqlite retries SQLITE_BUSY until the command timeout).
    /// </summary>
    public static string Normalize(string connectionString)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString);
        if (!string.IsNullOrEmpty(builder.DataSource) && builder.Mode != SqliteOpenMode.Memory && builder.DataSource != ":memory:")
        {
            var directory = Path.GetDirectoryName(Path.GetFullPath(builder.DataSource));
            if (!string.IsNullOrEmpty(directory))
            {
                Directory.CreateDirectory(directory);
            }
        }
        builder.Pooling = true;
        builder.DefaultTimeout = Math.Max(builder.DefaultTimeout, BusyTimeoutMilliseconds / 1000);
        return builder.ToString();
    }
}
