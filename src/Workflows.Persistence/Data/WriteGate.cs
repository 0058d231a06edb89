namespace Workflows.Persistence.Data;

/// <summary>
/// Serialises this process's write transactions when the database has a single writer (SQLite). Without it,
/// concurrent writers collide on the write lock and SQLite's busy handler makes them sleep (1 to 100 ms steps), which
/// costs far more than waiting in line. SQLite is single-node by design, so an in-process gate covers every writer
/// except external tools, which the busy timeout still handles. On PostgreSQL the gate lets everything through.
/// </summary>
public sealed class WriteGate : IDisposable
{
    private readonly SemaphoreSlim? _semaphore;

    private WriteGate(SemaphoreSlim? semaphore) => _semaphore = semaphore;

    public static WriteGate SingleWriter() => new(new SemaphoreSlim(1, 1));

    public static WriteGate Concurrent() => new(null);

    public async ValueTask<Releaser> EnterAsync(CancellationToken cancellationToken)
    {
        if (_semaphore is not null)
        {
            await _semaphore.WaitAsync(cancellationToken);
        }
        return new Releaser(_semaphore);
    }

    public void Dispose() => _semaphore?.Dispose();

    /// <summary>Leaves the gate when disposed.</summary>
    public readonly struct Releaser(SemaphoreSlim? semaphore) : IDisposable
    {
        public void Dispose() => semaphore?.Release();
    }
}
