using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Workflows.Core.Persistence;
using Workflows.Persistence.Configuration;
using Workflows.Persistence.Data;
using Workflows.Persistence.Tests.Fixtures;
using static Workflows.Persistence.Tests.Fixtures.Records;

namespace Workflows.Persistence.Tests.Stores;

/// <summary>
/// A free lease is taken on PostgreSQL without waiting for the WAL flush (synchronous_commit off for that statement's
/// own transaction). The pooled connections skip Npgsql's session reset, so the setting must end with the take: a
/// step committed next on the same session must wait for its flush again.
/// </summary>
[Trait("Category", "Services")]
public sealed class PostgresLeaseTakeTests : IAsyncLifetime
{
    private readonly PostgresTestDatabase _server = new();
    private PersistenceHost? _host;

    private PersistenceHost Host => _host!;

    public async Task InitializeAsync()
    {
        // One pooled connection: the take and everything after it run in the same PostgreSQL session.
        var onePooled = new NpgsqlConnectionStringBuilder(_server.Options.ConnectionString) { MaxPoolSize = 1 }.ConnectionString;
        _host = await PersistenceHost.StartAsync(new OneConnection(_server.Options with { ConnectionString = onePooled }));
    }

    public async Task DisposeAsync()
    {
        if (_host is not null)
            await _host.DisposeAsync();
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task A_lease_taken_without_waiting_for_its_flush_leaves_the_session_committing_durably()
    {
        var instance = Instance() with { LeaseOwner = null, LeaseExpiresAt = null };
        await Host.Instances.CommitAsync(new WorkflowInstanceCommit { Instance = instance }, CancellationToken.None);
        var session = await SessionAsync();
        Assert.Equal("on", session.SynchronousCommit);

        var taken = await Host.Instances.TryTakeFreeLeaseAsync(instance.Id, "node-a", T0.AddSeconds(30), CancellationToken.None);

        Assert.Equal(instance with { LeaseOwner = "node-a", LeaseExpiresAt = T0.AddSeconds(30) }, taken);
        var after = await SessionAsync();
        Assert.Equal(session.BackendPid, after.BackendPid);
        Assert.Equal("on", after.SynchronousCommit);
        // The lease is in the row as any later reader sees it.
        Assert.Equal("node-a", (await Host.Instances.FindAsync(instance.Id, CancellationToken.None))!.LeaseOwner);
    }

    /// <summary>The pooled session's backend and its synchronous_commit, read through the stores' own context factory.</summary>
    private async Task<(int BackendPid, string SynchronousCommit)> SessionAsync()
    {
        await using var db = await Host.Services.GetRequiredService<IDbContextFactory<WorkflowsDbContext>>().CreateDbContextAsync();
        await db.Database.OpenConnectionAsync();
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = "SELECT pg_backend_pid(), current_setting('synchronous_commit')";
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return (reader.GetInt32(0), reader.GetString(1));
    }

    private sealed class OneConnection(PersistenceOptions options) : ITestDatabase
    {
        public PersistenceOptions Options { get; } = options;

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
