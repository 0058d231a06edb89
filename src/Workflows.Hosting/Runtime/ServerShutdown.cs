namespace Workflows.Hosting.Runtime;

/// <summary>Signalled when the node starts shutting down: runs stop after their current step and no new work starts.</summary>
public sealed class ServerShutdown : IDisposable
{
    private readonly CancellationTokenSource _stopping = new();

    public CancellationToken Stopping => _stopping.Token;
    public bool IsStopping => _stopping.IsCancellationRequested;

    public Task SignalAsync() => _stopping.CancelAsync();

    public void Dispose() => _stopping.Dispose();
}
