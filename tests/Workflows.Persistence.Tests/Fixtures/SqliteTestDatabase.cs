using Microsoft.Data.Sqlite;
using Workflows.Persistence.Configuration;

namespace Workflows.Persistence.Tests.Fixtures;

/// <summary>A SQLite file in its own temporary directory; the directory (with -wal and -shm files) is deleted on dispose.</summary>
public sealed class SqliteTestDatabase : ITestDatabase
{
    private readonly string _directory;

    public SqliteTestDatabase()
    {
        _directory = Path.Combine(Path.GetTempPath(), $"rc_test_{Guid.NewGuid():N}");
        Options = new PersistenceOptions(DatabaseProvider.Sqlite, PersistenceOptions.DefaultSqliteConnectionString(_directory));
    }

    public PersistenceOptions Options { get; }

    public string DirectoryPath => _directory;

    public ValueTask DisposeAsync()
    {
        // Pooled connections keep the file open; release them before deleting it.
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
        return ValueTask.CompletedTask;
    }
}
