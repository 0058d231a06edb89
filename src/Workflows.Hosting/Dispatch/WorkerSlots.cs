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

    public async Task<IDisposable> TakeAsync(CancellationToken cancellationToken)
    {
        await _slots.WaitAsync(cancellationToken);
        return new Slot(_slots);
    }

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
