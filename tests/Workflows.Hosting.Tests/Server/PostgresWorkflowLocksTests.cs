using System.Diagnostics;
using Npgsql;
using TestKit;
using Workflows.Hosting.Leases;

namespace Workflows.Hosting.Tests.Server;

/// <summary>
/// The PostgreSQL locks between two nodes (two lock providers, each with its own connection pool) on a real server:
/// exclusive until released, a wait that ends when the holder lets go, and neither a timed-out nor a cancelled wait
/// nor a dead holder leaves anything held behind (read from <c>pg_locks</c>).
/// </summary>
public sealed class PostgresWorkflowLocksTests : IAsyncLifetime
{
    private const string Name = "workflow-instance:locks-test";
    private PostgresDatabase _database = null!;
    private PostgresWorkflowLocks _nodeA = null!;
    private PostgresWorkflowLocks _nodeB = null!;

    public async Task InitializeAsync()
    {
        _database = await PostgresDatabase.CreateAsync("locks");
        _nodeA = new PostgresWorkflowLocks(_database.ConnectionString);
        _nodeB = new PostgresWorkflowLocks(_database.ConnectionString);
    }

    public async Task DisposeAsync()
    {
        await _nodeA.DisposeAsync();
        await _nodeB.DisposeAsync();
        await _database.DisposeAsync();
    }

    [Fact]
    public async Task A_held_lock_is_refused_to_another_node_until_it_is_released()
    {
        var held = await _nodeA.TryAcquireAsync(Name, TimeSpan.Zero, CancellationToken.None);
        Assert.NotNull(held);
        Assert.Null(await _nodeB.TryAcquireAsync(Name, TimeSpan.Zero, CancellationToken.None));
        Assert.Null(await _nodeA.TryAcquireAsync(Name, TimeSpan.Zero, CancellationToken.None)); // a second caller on the same node too

        var watch = Stopwatch.StartNew();
        Assert.Null(await _nodeB.TryAcquireAsync(Name, TimeSpan.FromMilliseconds(300), CancellationToken.None));
        Assert.True(watch.Elapsed >= TimeSpan.FromMilliseconds(250), $"the wait gave up after {watch.Elapsed}");
        Assert.Equal(1, await HoldersAsync());

        await held!.DisposeAsync();
        Assert.Equal(0, await HoldersAsync());
        await using var taken = await _nodeB.TryAcquireAsync(Name, TimeSpan.Zero, CancellationToken.None);
        Assert.NotNull(taken);
    }

    [Fact]
    public async Task A_wait_ends_as_soon_as_the_holder_releases()
    {
        var held = await _nodeA.TryAcquireAsync(Name, TimeSpan.Zero, CancellationToken.None);
        var waiting = _nodeB.TryAcquireAsync(Name, TimeSpan.FromSeconds(30), CancellationToken.None);
        await Task.Delay(300);
        Assert.False(waiting.IsCompleted);

        var watch = Stopwatch.StartNew();
        await held!.DisposeAsync();
        await using var taken = await waiting;
        Assert.NotNull(taken);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), $"the waiter got the lock {watch.Elapsed} after its release");
        Assert.Equal(1, await HoldersAsync());
    }

    [Fact]
    public async Task A_wait_may_outlast_the_connections_command_timeout()
    {
        // Npgsql's Command Timeout (30 s by default) must not cut a longer wait short, such as the 2 minutes a starting
        // node waits for the workflows import lock.
        var shortCommands = new NpgsqlConnectionStringBuilder(_database.ConnectionString) { CommandTimeout = 1 }.ConnectionString;
        await using var node = new PostgresWorkflowLocks(shortCommands);
        var held = await _nodeA.TryAcquireAsync(Name, TimeSpan.Zero, CancellationToken.None);
        var waiting = node.TryAcquireAsync(Name, TimeSpan.FromSeconds(30), CancellationToken.None);

        await Task.Delay(TimeSpan.FromSeconds(2.5));
        await held!.DisposeAsync();

        await using var taken = await waiting;
        Assert.NotNull(taken);
    }

    [Fact]
    public async Task A_cancelled_wait_throws_and_holds_nothing()
    {
        await using var held = await _nodeA.TryAcquireAsync(Name, TimeSpan.Zero, CancellationToken.None);
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => _nodeB.TryAcquireAsync(Name, TimeSpan.FromSeconds(30), cancel.Token));

        Assert.Equal(1, await HoldersAsync());
    }

    [Fact]
    public async Task A_lock_dies_with_its_holders_connection()
    {
        var held = await _nodeA.TryAcquireAsync(Name, TimeSpan.Zero, CancellationToken.None);
        Assert.NotNull(held);

        // What the server sees when a node is killed: the session ends.
        await using (var admin = new NpgsqlConnection(_database.ConnectionString))
        {
            await admin.OpenAsync();
            await using var terminate = new NpgsqlCommand(
                "SELECT pg_terminate_backend(pid) FROM pg_locks WHERE locktype = 'advisory' AND objsubid = 1 AND ((classid::bigint << 32) | objid::bigint) = $1",
                admin) { Parameters = { new NpgsqlParameter<long> { TypedValue = AdvisoryLockKey.For(Name) } } };
            await terminate.ExecuteNonQueryAsync();
        }

        await using var taken = await _nodeB.TryAcquireAsync(Name, TimeSpan.FromSeconds(10), CancellationToken.None);
        Assert.NotNull(taken);
        await held!.DisposeAsync(); // the dead holder's release fails quietly or not at all, and changes nothing
        Assert.Equal(1, await HoldersAsync());
    }

    [Fact]
    public async Task A_released_lock_leaves_nothing_held_on_the_session_the_pool_hands_out_next()
    {
        // One pooled session, handed out again without Npgsql's reset: the release alone must let go of the key.
        var onePooled = new NpgsqlConnectionStringBuilder(_database.ConnectionString) { MaxPoolSize = 1 }.ToString();
        await using var node = new PostgresWorkflowLocks(onePooled);
        var first = await node.TryAcquireAsync(Name, TimeSpan.Zero, CancellationToken.None);
        var session = await HolderPidAsync(Name);
        await first!.DisposeAsync();

        await using var other = await node.TryAcquireAsync("workflow-instance:another", TimeSpan.Zero, CancellationToken.None);

        Assert.Equal(session, await HolderPidAsync("workflow-instance:another"));
        Assert.Equal(0, await HoldersAsync());
        await using var taken = await _nodeB.TryAcquireAsync(Name, TimeSpan.Zero, CancellationToken.None);
        Assert.NotNull(taken);
    }

    /// <summary>The backend that holds a lock's key.</summary>
    private async Task<int?> HolderPidAsync(string name)
    {
        await using var connection = new NpgsqlConnection(_database.ConnectionString);
        await connection.OpenAsync();
        await using var holder = new NpgsqlCommand(
            "SELECT pid FROM pg_locks WHERE locktype = 'advisory' AND granted AND objsubid = 1 AND ((classid::bigint << 32) | objid::bigint) = $1",
            connection) { Parameters = { new NpgsqlParameter<long> { TypedValue = AdvisoryLockKey.For(name) } } };
        return (int?)await holder.ExecuteScalarAsync();
    }

    /// <summary>How many sessions hold the test lock's key, granted.</summary>
    private async Task<long> HoldersAsync()
    {
        await using var connection = new NpgsqlConnection(_database.ConnectionString);
        await connection.OpenAsync();
        await using var count = new NpgsqlCommand(
            "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND granted AND objsubid = 1 AND ((classid::bigint << 32) | objid::bigint) = $1",
            connection) { Parameters = { new NpgsqlParameter<long> { TypedValue = AdvisoryLockKey.For(Name) } } };
        return (long)(await count.ExecuteScalarAsync())!;
    }
}
