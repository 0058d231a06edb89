using Workflows.Core.Persistence;

namespace Workflows.Hosting.Leases;

/// <summary>
/// The lease of one running instance: renewed by a heartbeat every third of its length, released on dispose.
/// <see cref="Lost"/> fires when renewal fails, and the run must stop after its current step.
/// </summary>
public sealed class InstanceLease : IAsyncDisposable
{
    private readonly IWorkflowInstanceStore _store;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly TimeSpan _duration;
    private readonly CancellationTokenSource _stopHeartbeat = new();
    private readonly CancellationTokenSource _lost = new();
    private readonly CancellationTokenSource _givenUp = new();
    private readonly PeriodicTimer _timer;
    private readonly Task _heartbeat;
    private int _ended;
    private bool _written;

    internal InstanceLease(string instanceId, string owner, IWorkflowInstanceStore store, TimeProvider time, TimeSpan duration, TimeSpan interval, ILogger logger,
        bool written = true)
    {
        _written = written;
        InstanceId = instanceId;
        Owner = owner;
        _store = store;
        _time = time;
        _duration = duration;
        _logger = logger;
        _timer = new PeriodicTimer(interval, time);
        _heartbeat = Task.Run(HeartbeatAsync);
    }

    public string InstanceId { get; }
    public string Owner { get; }
    public CancellationToken Lost => _lost.Token;

    /// <summary>Fires when <see cref="ExpireNowAsync"/> gave the lease up: the run is abandoned to the next owner.</summary>
    public CancellationToken GivenUp => _givenUp.Token;

    /// <summary>Gives the lease up at once (shutdown deadline): another node may take the instance over immediately.</summary>
    public async Task ExpireNowAsync()
    {
        if (Interlocked.Exchange(ref _ended, 1) == 1)
            return;
        await StopHeartbeatAsync();
        var now = _time.GetUtcNow();
        await _store.TryAcquireLeaseAsync(InstanceId, Owner, now.AddMilliseconds(-1), now, CancellationToken.None);
        await _givenUp.CancelAsync();
    }

    /// <summary>
    /// The run's final commit ended the lease in the store (<c>WorkflowInstanceCommit.ReleasesLease</c>): the heartbeat
    /// stops and disposing writes nothing more.
    /// </summary>
    public async Task EndedByCommitAsync()
    {
        if (Interlocked.Exchange(ref _ended, 1) == 1)
            return;
        await StopHeartbeatAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _ended, 1) == 0)
        {
            await StopHeartbeatAsync();
            await _store.ReleaseLeaseAsync(InstanceId, Owner, CancellationToken.None);
        }
        _timer.Dispose();
        _stopHeartbeat.Dispose();
        _lost.Dispose();
        _givenUp.Dispose();
    }

    private async Task StopHeartbeatAsync()
    {
        // Disposing the timer ends a wait for the next tick without an exception (one per run otherwise, since nearly
        // every run ends between ticks); the token stops a renewal that is under way.
        _timer.Dispose();
        await _stopHeartbeat.CancelAsync();
        await _heartbeat;
    }

    private async Task HeartbeatAsync()
    {
        var lastRenewal = _time.GetUtcNow();
        try
        {
            while (await _timer.WaitForNextTickAsync())
            {
                var now = _time.GetUtcNow();
                try
                {
                    // Renew, never re-take: a lease released by a node that took over (and finished or cancelled the
                    // instance) must stay lost to this worker.
                    if (await _store.RenewLeaseAsync(InstanceId, Owner, now + _duration, _stopHeartbeat.Token))
                    {
                        lastRenewal = now;
                        _written = true;
                        continue;
                    }
                    if (Volatile.Read(ref _ended) == 1)
                        return; // the run's final commit ended the lease just now
                    if (!_written && await _store.FindAsync(InstanceId, _stopHeartbeat.Token) is null)
                    {
                        lastRenewal = now;
                        continue; // the run has not committed yet, so its row (and the lease in it) does not exist yet
                    }
                    _written = true;
                    _logger.LogWarning("Lease of workflow instance {WorkflowInstanceId} was taken or released by another node; stopping after the current step", InstanceId);
                    await _lost.CancelAsync();
                    return;
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // A database hiccup: keep trying until the lease would have run out.
                    _logger.LogWarning(e, "Could not renew the lease of workflow instance {WorkflowInstanceId}", InstanceId);
                    if (now - lastRenewal >= _duration)
                    {
                        await _lost.CancelAsync();
                        return;
                    }
                }
            }
        }
        catch (OperationCanceledException) when (_stopHeartbeat.IsCancellationRequested)
        {
        }
    }
}
