namespace Workflows.Hosting.Leases;

/// <summary>Locks within this process (SQLite: one node). Entries are removed when nobody holds or waits for them.</summary>
public sealed class InProcessWorkflowLocks : IWorkflowLocks
{
    private readonly Dictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    public async Task<IAsyncDisposable?> TryAcquireAsync(string name, TimeSpan timeout, CancellationToken cancellationToken)
    {
        Entry entry;
        lock (_entries)
        {
            if (!_entries.TryGetValue(name, out entry!))
                _entries[name] = entry = new Entry();
            entry.Users++;
        }
        var acquired = false;
        try
        {
            acquired = await entry.Semaphore.WaitAsync(timeout, cancellationToken);
            return acquired ? new Handle(this, name, entry) : null;
        }
        finally
        {
            if (!acquired)
                Leave(name, entry);
        }
    }

    private void Leave(string name, Entry entry)
    {
        lock (_entries)
        {
            if (--entry.Users == 0)
            {
                _entries.Remove(name);
                entry.Semaphore.Dispose();
            }
        }
    }

    private sealed class Entry
    {
        public SemaphoreSlim Semaphore { get; } = new(1, 1);
        public int Users { get; set; }
    }

    private sealed class Handle(InProcessWorkflowLocks owner, string name, Entry entry) : IAsyncDisposable
    {
        private int _disposed;

        public ValueTask DisposeAsync()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                entry.Semaphore.Release();
                owner.Leave(name, entry);
            }
            return ValueTask.CompletedTask;
        }
    }
}
