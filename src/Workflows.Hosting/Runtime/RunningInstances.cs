using System.Collections.Concurrent;
using Workflows.Hosting.Leases;

namespace Workflows.Hosting.Runtime;

/// <summary>The instances this node is running now: for cancel requests and for shutdown.</summary>
public sealed class RunningInstances
{
    private readonly ConcurrentDictionary<string, Run> _runs = new(StringComparer.Ordinal);

    public int Count => _runs.Count;

    internal IDisposable Add(string instanceId, CancellationTokenSource cancel, InstanceLease lease)
    {
        var run = new Run(cancel, lease);
        _runs[instanceId] = run;
        return new Removal(() =>
        {
            _runs.TryRemove(new KeyValuePair<string, Run>(instanceId, run));
            run.Done.TrySetResult();
        });
    }

    /// <summary>Cancels the workflow if it runs here (it ends Cancelled); false when it does not.</summary>
    public bool TryCancel(string instanceId)
    {
        if (!_runs.TryGetValue(instanceId, out var run))
            return false;
        run.Cancel.Cancel();
        return true;
    }

    /// <summary>Completes when every current run has ended or <paramref name="deadline"/> passed; true if all ended.</summary>
    public async Task<bool> WaitForAllAsync(TimeSpan deadline, TimeProvider time)
    {
        var all = Task.WhenAll(_runs.Values.Select(r => r.Done.Task));
        var finished = await Task.WhenAny(all, Task.Delay(deadline, time));
        return finished == all;
    }

    /// <summary>Expires the leases of runs still going, so another node (or the next start) takes them over.</summary>
    public async Task<IReadOnlyList<string>> ExpireLeasesAsync()
    {
        var expired = new List<string>();
        foreach (var (instanceId, run) in _runs)
        {
            await run.Lease.ExpireNowAsync();
            expired.Add(instanceId);
        }
        return expired;
    }

    private sealed record Run(CancellationTokenSource Cancel, InstanceLease Lease)
    {
        public TaskCompletionSource Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    private sealed class Removal(Action action) : IDisposable
    {
        public void Dispose() => action();
    }
}
