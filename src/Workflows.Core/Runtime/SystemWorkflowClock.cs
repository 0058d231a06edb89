namespace Workflows.Core.Runtime;

/// <summary>The real clock.</summary>
public sealed class SystemWorkflowClock(TimeProvider timeProvider) : IWorkflowClock
{
    public SystemWorkflowClock() : this(TimeProvider.System) { }

    public DateTimeOffset UtcNow => timeProvider.GetUtcNow();

    public async Task DelayUntilAsync(DateTimeOffset due, CancellationToken cancellationToken)
    {
        var wait = due - UtcNow;
        if (wait > TimeSpan.Zero)
            await Task.Delay(wait, timeProvider, cancellationToken);
    }
}
