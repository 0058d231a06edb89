namespace Workflows.Core.Expressions;

/// <summary>
/// The per-server cap on scripts evaluated at once (<see cref="JavaScriptOptions.MaxConcurrency"/>): a burst of
/// slow scripts (catastrophic regexes, busy loops up to their time limit) occupies at most that many threads, so
/// the server keeps answering. A script that finds no free slot within its time limit fails with that reason.
/// </summary>
public sealed class JavaScriptSlots(int capacity)
{
    private readonly SemaphoreSlim _slots = new(Math.Max(1, capacity), Math.Max(1, capacity));

    public int Capacity { get; } = Math.Max(1, capacity);

    /// <summary>Takes a slot, waiting up to <paramref name="wait"/>; dispose the result to give it back.</summary>
    public IDisposable Enter(TimeSpan wait, CancellationToken cancellationToken)
    {
        if (!_slots.Wait(wait, cancellationToken))
            throw new ExpressionException(
                $"JavaScript limit: {Capacity} scripts were already running and none finished within {wait.TotalMilliseconds:0} ms " +
                "(Workflows:JavaScript:MaxConcurrency, Workflows:JavaScript:TimeoutMilliseconds).");
        return new Slot(_slots);
    }

    private sealed class Slot(SemaphoreSlim slots) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
                slots.Release();
        }
    }
}
