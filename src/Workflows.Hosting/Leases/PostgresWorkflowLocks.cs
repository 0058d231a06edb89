using Medallion.Threading.Postgres;
using Workflows.Persistence.Configuration;

namespace Workflows.Hosting.Leases;

/// <summary>
/// PostgreSQL session advisory locks (DistributedLock.Postgres): held on a database connection, so a node killed
/// with <c>kill -9</c> loses its locks as soon as the server sees the connection close.
/// </summary>
public sealed class PostgresWorkflowLocks(string connectionString) : IWorkflowLocks
{
    private readonly PostgresDistributedSynchronizationProvider _provider =
        new(PostgresConnectionStrings.NormalizeForSessionLocks(connectionString), options => options.UseMultiplexing());

    public async Task<IAsyncDisposable?> TryAcquireAsync(string name, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var handle = await _provider.CreateLock(new PostgresAdvisoryLockKey(name, allowHashing: true))
            .TryAcquireAsync(timeout, cancellationToken);
        return handle;
    }
}
