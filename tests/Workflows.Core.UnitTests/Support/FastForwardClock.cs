using Workflows.Core.Runtime;

namespace Workflows.Core.UnitTests.Support;

/// <summary>A clock whose waits return at once, moving virtual time forward to the due moment.</summary>
public sealed class FastForwardClock : IWorkflowClock
{
    private readonly Lock _gate = new();
    private DateTimeOffset _now = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public DateTimeOffset UtcNow
    {
        get
        {
            lock (_gate)
                return _now;
        }
    }

    public List<DateTimeOffset> Waits { get; } = [];

    public Task DelayUntilAsync(DateTimeOffset due, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            Waits.Add(due);
            if (due > _now)
                _now = due;
        }
        return Task.CompletedTask;
    }
}
