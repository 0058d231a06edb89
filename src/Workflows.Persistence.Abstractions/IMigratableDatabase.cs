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
}
