using Microsoft.Data.Sqlite;

namespace Workflows.Persistence.Configuration;

/// <summary>
/// Keeps the SQLite database readable by its owner only (0600): it holds webhook payloads, run inputs and sessions.
/// The file is created empty with that mode before SQLite opens it, because SQLite gives its <c>-wal</c> and
/// <c>-shm</c> files the mode of the database file; an existing database (and its companions) is tightened.
/// </summary>
public static class SqliteFileModes
{
    public const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    public static void Secure(PersistenceOptions options)
    {
        if (options.Provider != DatabaseProvider.Sqlite || OperatingSystem.IsWindows())
            return;
        var dataSource = new SqliteConnectionStringBuilder(options.ConnectionString).DataSource;
        if (string.IsNullOrEmpty(dataSource) || dataSource == ":memory:" || dataSource.StartsWith("file:", StringComparison.OrdinalIgnoreCase))
            return;
        var path = Path.GetFullPath(dataSource);
        if (!File.Exists(path))
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            using (new FileStream(path, new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, UnixCreateMode = OwnerOnly }))
            {
            }
        }
        foreach (var file in new[] { path, path + "-wal", path + "-shm", path + "-journal" }.Where(File.Exists))
            File.SetUnixFileMode(file, OwnerOnly);
    }
}
