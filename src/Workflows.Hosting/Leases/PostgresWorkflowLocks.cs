using Npgsql;
using Workflows.Persistence.Configuration;

namespace Workflows.Hosting.Leases;

/// <summary>
/// PostgreSQL session advisory locks, each held on a pooled connection of its own, so a node killed with
/// <c>kill -9</c> loses its locks as soon as the server sees the connection close. A try (zero timeout) is one
/// statement, a release one more; a wait blocks in the server (<c>lock_timeout</c>) rather than polling.
/// </summary>
/// <remarks>
/// A connection goes back to the pool without Npgsql's session reset (the stores' connection string,
/// <see cref="PostgresConnectionStrings.Normalize"/>): that reset is seven statements the server parsed and ran at the
/// next use of the connection, at every claim of an instance. These sessions keep no other state than their lock, and
/// this class releases it itself: a release that fails on a live session releases everything the session holds, and
/// should that fail too the pool is cleared, so no session goes back to it still holding a lock.
/// </remarks>
public sealed class PostgresWorkflowLocks(string connectionString) : IWorkflowLocks, IAsyncDisposable
{
    private const string LockNotAvailable = "55P03";

    private readonly NpgsqlDataSource _dataSource = NpgsqlDataSource.Create(PostgresConnectionStrings.Normalize(connectionString));

    public async Task<IAsyncDisposable?> TryAcquireAsync(string name, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var key = AdvisoryLockKey.For(name);
        var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        Handle? held = null;
        try
        {
            var acquired = timeout <= TimeSpan.Zero
                ? await TryLockAsync(connection, key, cancellationToken)
                : await WaitLockAsync(connection, key, timeout, cancellationToken);
            return held = acquired ? new Handle(this, connection, key) : null;
        }
        catch (Exception)
        {
            // The wait was cancelled (possibly just as the server granted the lock) or failed: never leave it held.
            await UnlockAllAsync(connection);
            throw;
        }
        finally
        {
            // The connection goes with the handle when the lock was taken, back to the pool otherwise.
            if (held is null)
                await connection.DisposeAsync();
        }
    }

    public ValueTask DisposeAsync() => _dataSource.DisposeAsync();

    private static async Task<bool> TryLockAsync(NpgsqlConnection connection, long key, CancellationToken cancellationToken)
    {
        await using var command = Command(connection, "SELECT pg_try_advisory_lock($1)", key);
        return (bool)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    private static async Task<bool> WaitLockAsync(NpgsqlConnection connection, long key, TimeSpan timeout, CancellationToken cancellationToken)
    {
        // SET LOCAL needs a transaction; a session lock taken inside one outlives its commit or rollback.
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var milliseconds = (long)Math.Ceiling(Math.Min(timeout.TotalMilliseconds, int.MaxValue));
        // The lock timeout alone bounds the wait: no statement timeout, on the server or in the client.
        await using (var setTimeout = new NpgsqlCommand($"SET LOCAL statement_timeout = 0; SET LOCAL lock_timeout = {milliseconds}", connection, transaction))
            await setTimeout.ExecuteNonQueryAsync(cancellationToken);
        try
        {
            await using var wait = Command(connection, "SELECT pg_advisory_lock($1)", key);
            wait.Transaction = transaction;
            wait.CommandTimeout = 0;
            await wait.ExecuteNonQueryAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return true;
        }
        catch (PostgresException e) when (e.SqlState == LockNotAvailable)
        {
            await transaction.RollbackAsync(CancellationToken.None);
            // The server can grant the lock just as the timeout fires: what counts is whether this session holds it.
            return await HoldsAsync(connection, key);
        }
    }

    private static async Task<bool> HoldsAsync(NpgsqlConnection connection, long key)
    {
        // A bigint advisory key shows in pg_locks as classid (high half) and objid (low half), with objsubid 1.
        await using var command = Command(connection,
            "SELECT EXISTS (SELECT 1 FROM pg_locks WHERE locktype = 'advisory' AND pid = pg_backend_pid() AND objsubid = 1 " +
            "AND ((classid::bigint << 32) | objid::bigint) = $1 AND granted)", key);
        return (bool)(await command.ExecuteScalarAsync(CancellationToken.None))!;
    }

    /// <summary>
    /// Releases whatever this connection's session holds: it was opened for this one lock. When that fails on a live
    /// session, the pool is cleared, so the session is closed on its return instead of being handed out again.
    /// </summary>
    private async Task UnlockAllAsync(NpgsqlConnection connection)
    {
        if (connection.State != System.Data.ConnectionState.Open)
            return; // A broken connection holds nothing: the server ended its session, and the pool drops it.
        try
        {
            await using var command = Command(connection, "SELECT pg_advisory_unlock_all()", null);
            await command.ExecuteNonQueryAsync(CancellationToken.None);
        }
        catch (Exception e) when (e is NpgsqlException or InvalidOperationException)
        {
            _dataSource.Clear();
        }
    }

    private static NpgsqlCommand Command(NpgsqlConnection connection, string sql, long? key)
    {
        var command = new NpgsqlCommand(sql, connection);
        if (key is { } value)
            command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = value });
        return command;
    }

    /// <summary>A held lock: releasing it unlocks the key and gives the connection back to the pool.</summary>
    private sealed class Handle(PostgresWorkflowLocks locks, NpgsqlConnection connection, long key) : IAsyncDisposable
    {
        private int _released;

        public async ValueTask DisposeAsync()
        {
            if (Interlocked.Exchange(ref _released, 1) == 1)
                return;
            try
            {
                await using var command = Command(connection, "SELECT pg_advisory_unlock($1)", key);
                await command.ExecuteScalarAsync(CancellationToken.None);
            }
            catch (NpgsqlException)
            {
                // The connection broke (the server restarted, or ended the session: the lock is gone with it), or the
                // server refused the release: never hand the session out again still holding the lock.
                await locks.UnlockAllAsync(connection);
            }
            finally
            {
                await connection.DisposeAsync();
            }
        }
    }
}
