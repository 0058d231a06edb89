using MassTransit;
using Workflows.Hosting.Runtime;

namespace Workflows.Hosting.Dispatch;

/// <summary>
/// A node that is shutting down starts no new work: it puts the message back on the bus for another node (with
/// RabbitMQ) or the next start (the in-memory bus ends with the process; recovery and the timer scheduler find the
/// work again from the database).
/// </summary>
internal static class ShutdownHandoff
{
    private static readonly TimeSpan Pause = TimeSpan.FromMilliseconds(250);

    public static async Task<bool> TryHandOffAsync<T>(ConsumeContext<T> context, ServerShutdown shutdown) where T : class
    {
        if (!shutdown.IsStopping)
            return false;
        // The pause keeps a lone stopping node from spinning on its own re-published message.
        await Task.Delay(Pause, CancellationToken.None);
        var queue = await context.GetSendEndpoint(context.ReceiveContext.InputAddress);
        await queue.Send(context.Message, CancellationToken.None);
        return true;
    }
}
