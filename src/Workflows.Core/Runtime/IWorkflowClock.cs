namespace Workflows.Core.Runtime;

/// <summary>Time for the engine and runner; tests substitute a clock that skips waits.</summary>
public interface IWorkflowClock
{
    DateTimeOffset UtcNow { get; }

    /// <summary>Completes when <paramref name="due"/> has been reached.</summary>
    Task DelayUntilAsync(DateTimeOffset due, CancellationToken cancellationToken);
}
