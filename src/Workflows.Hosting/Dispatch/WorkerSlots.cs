using Workflows.Hosting.Runtime;

namespace Workflows.Hosting.Dispatch;

/// <summary>
/// The node's worker slots (<see cref="WorkflowServerOptions.WorkerConcurrency"/>): a consumer takes one before it
/// claims an instance and the background run gives it back, so a node runs at most that many instances at once even
/// though their messages are acknowledged as soon as they are claimed.
/// </summary>
public sealed class WorkerSlots(WorkflowServerOptions options) : IDisposable
{
    private readonly SemaphoreSlim _slots = new(options.WorkerConcurrency, options.WorkerConcurrency);
    private int _waiting;

    public async Task<IDisposable> TakeAsync(CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _waiting);
        try
        {
            await _slots.WaitAsync(cancellationToken);
        }
        finally
        {
            Interlocked.Decrement(ref _waiting);
        }
        return new Slot(_slots);
    }

    /// <summary>
    /// A slot without waiting, or null when none is free or a delivery is already waiting for one (which goes first,
    /// so work queued on the bus is not overtaken for ever by work that arrives later).
    /// </summary>
    public IDisposable? TryTake() =>
        Volatile.Read(ref _waiting) == 0 && _slots.Wait(0) ? new Slot(_slots) : null;

    public void Dispose() => _slots.Dispose();

    private sealed class Slot(SemaphoreSlim slots) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) != 0)
                return;
            try
            {
                slots.Release();
            }
            catch (ObjectDisposedException)
            {
                // A run that outlived the host (abandoned at the shutdown deadline): nobody takes slots any more.
            }
        }
    }
}
