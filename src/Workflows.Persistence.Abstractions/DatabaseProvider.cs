namespace Workflows.Persistence.Configuration;

/// <summary>The relational stores the engine can persist to.</summary>
public enum DatabaseProvider
{
    /// <summary>Embedded, single-node default (a file under DataDir, WAL mode).</summary>
    Sqlite,

    /// <summary>Shared store for several nodes.</summary>
    PostgreSql,
}
