namespace Workflows.Persistence.Configuration;

/// <summary>Configuration section <c>Persistence</c>.</summary>
public sealed record PersistenceOptions(DatabaseProvider Provider, string ConnectionString)
{
    /// <summary>The default SQLite database file inside the data directory.</summary>
    public static string DefaultSqliteConnectionString(string dataDir) =>
        $"Data Source={Path.Combine(dataDir, "recipeci.db")}";
}
