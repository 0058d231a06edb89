using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using TestKit;
using Workflows.Core.Persistence;
using Workflows.Core.Persistence.InMemory;
using Workflows.Hosting.Leases;
using Workflows.Hosting.Runtime;

namespace Workflows.Hosting.UnitTests.Leases;

/// <summary>
/// The instance lease's heartbeat on a fake clock: renewed one third of a lease length after it was taken (never
/// sooner), each renewal pushing the expiry a full lease length past the renewal, and lost at the first heartbeat
/// after another node took the instance.
/// </summary>
public sealed class LeaseRenewalTests
{
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan Step = TimeSpan.FromSeconds(1);
    private static readonly DateTimeOffset Start = new(2026, 12, 6, 12, 0, 0, TimeSpan.Zero);

    private readonly FakeTimeProvider _time = new(Start);
    private readonly InMemoryWorkflowInstanceStore _store = new();

    [Fact]
    public async Task Heartbeat_renews_the_lease_a_third_of_its_length_after_taking_it()
    {
        await SeedAsync("renewed");
        await using var lease = await Leases("node-a").TryAcquireNowAsync("renewed", CancellationToken.None);
        Assert.NotNull(lease);
        Assert.Equal(Start + Lease, (await _store.FindAsync("renewed", CancellationToken.None))!.LeaseExpiresAt);

        // The heartbeat's timer starts on its own task: advance the clock a second at a time until it renews.
        var renewed = await AdvanceUntilAsync("renewed", expiry => expiry > Start + Lease);
        var renewedAt = renewed - Lease;
        Assert.True(renewedAt - Start >= Lease / 3, $"renewed {renewedAt - Start} after taking the lease; the heartbeat is every {Lease / 3}");
        Assert.True(renewedAt <= _time.GetUtcNow(), "a renewal is a full lease length from the moment it was made");

        var again = await AdvanceUntilAsync("renewed", expiry => expiry > renewed);
        Assert.True(again - renewed >= Lease / 3, $"renewed again {again - renewed} after the first renewal; the heartbeat is every {Lease / 3}");
    }

    [Fact]
    public async Task Lease_taken_over_by_another_node_is_lost_at_the_next_heartbeat()
    {
        await SeedAsync("taken");
        await using var lease = await Leases("node-a").TryAcquireNowAsync("taken", CancellationToken.None);
        Assert.NotNull(lease);

        // node-a's lease lapsed (a long GC pause, say) and node-b took the instance over.
        await _store.ReleaseLeaseAsync("taken", "node-a", CancellationToken.None);
        Assert.True(await _store.TryAcquireLeaseAsync("taken", "node-b", Start + Lease, Start, CancellationToken.None));
        Assert.False(lease.Lost.IsCancellationRequested);

        await Eventually.UntilAsync(() =>
            {
                _time.Advance(Step);
                return Task.FromResult(lease.Lost.IsCancellationRequested);
            }, TimeSpan.FromSeconds(30), () => $"the lease was not lost after {_time.GetUtcNow() - Start} of fake time", TimeSpan.FromMilliseconds(20));
        Assert.Equal("node-b", (await _store.FindAsync("taken", CancellationToken.None))!.LeaseOwner);
    }

    [Fact]
    public async Task A_lease_for_a_row_not_written_yet_is_kept_until_the_row_exists_and_then_renewed()
    {
        // A run started in this process writes its row (and the lease in it) with its first commit.
        await using var lease = Leases("node-a").AdoptUnwritten("later");
        var heartbeats = 0;
        await Eventually.UntilAsync(() =>
            {
                _time.Advance(Step);
                return Task.FromResult(++heartbeats * Step > Lease * 2);
            }, TimeSpan.FromSeconds(30), () => "fake time did not advance", TimeSpan.FromMilliseconds(20));
        Assert.False(lease.Lost.IsCancellationRequested, "a lease whose row is not written yet has nothing to renew and is not lost for it");

        await SeedAsync("later", owner: "node-a");
        var written = (await _store.FindAsync("later", CancellationToken.None))!.LeaseExpiresAt!.Value;
        await AdvanceUntilAsync("later", expiry => expiry > written);
        Assert.False(lease.Lost.IsCancellationRequested);
    }

    [Fact]
    public async Task A_lease_for_a_row_not_written_yet_is_lost_when_the_row_appears_under_another_owner()
    {
        await using var lease = Leases("node-a").AdoptUnwritten("elsewhere");
        await SeedAsync("elsewhere", owner: "node-b");
        await Eventually.UntilAsync(() =>
            {
                _time.Advance(Step);
                return Task.FromResult(lease.Lost.IsCancellationRequested);
            }, TimeSpan.FromSeconds(30), () => $"the lease was not lost after {_time.GetUtcNow() - Start} of fake time", TimeSpan.FromMilliseconds(20));
    }

    private InstanceLeases Leases(string node) =>
        new(_store, new WorkflowServerOptions { NodeId = node, LeaseDuration = Lease }, _time, NullLogger<InstanceLease>.Instance);

    private async Task<DateTimeOffset> AdvanceUntilAsync(string id, Func<DateTimeOffset, bool> renewed)
    {
        var instance = await Eventually.UntilAsync(async () =>
            {
                var current = await _store.FindAsync(id, CancellationToken.None);
                if (!renewed(current!.LeaseExpiresAt!.Value))
                    _time.Advance(Step);
                return current;
            }, current => renewed(current!.LeaseExpiresAt!.Value), TimeSpan.FromSeconds(30),
            current => $"lease of {id} still expires at {current!.LeaseExpiresAt} at fake time {_time.GetUtcNow()}", TimeSpan.FromMilliseconds(20));
        return instance!.LeaseExpiresAt!.Value;
    }

    private Task SeedAsync(string id, string? owner = null) =>
        _store.CommitAsync(new WorkflowInstanceCommit
        {
            Instance = new WorkflowInstanceRecord
            {
                Id = id,
                DefinitionId = "lease-test",
                DefinitionVersionId = "lease-test:1",
                Version = 1,
                Status = WorkflowStatus.Running,
                SubStatus = WorkflowSubStatus.Executing,
                CreatedAt = Start,
                UpdatedAt = Start,
                LeaseOwner = owner,
                LeaseExpiresAt = owner is null ? null : _time.GetUtcNow() + Lease,
            },
        }, CancellationToken.None);
}
