namespace Workflows.Persistence.Configuration;

/// <summary>
/// A database session whose schema <see cref="SchemaMigrator{TDatabase}"/> brings up to date: the EF Core contexts
/// (engine and domain) implement it over their <c>Database</c> facade, so this project needs no EF Core.
/// </summary>
public interface IMigratableDatabase : IAsyncDisposable
{
    /// <summary>The names of the migrations not applied yet, oldest first.</summary>
    Task<IEnumerable<string>> GetPendingMigrationsAsync(CancellationToken cancellationToken);

    /// <summary>Applies every pending migration.</summary>
    Task MigrateAsync(CancellationToken cancellationToken);

    /// <summary>Every migration of this build, oldest first, by the id the history table records.</summary>
    IReadOnlyList<string> KnownMigrations { get; }

    /// <summary>The table in which the applied migrations are recorded.</summary>
    string MigrationsHistoryTable { get; }

    /// <summary>
    /// Every migration from an empty SQLite database on, as one script without transaction statements, history rows
    /// included (see <see cref="SqliteSchemaScript"/>); null where this session has none (PostgreSQL).
    /// </summary>
    string? SqliteCreateScript { get; }
}
