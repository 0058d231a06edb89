using MassTransit;

namespace Workflows.Hosting.Dispatch;

/// <summary>
/// A delivery whose channel closed (broker outage, connection lost) is cancelled by MassTransit. Its message was never
/// acknowledged, so the broker delivers it again once consumers are back: the consumer returns quietly instead of
/// throwing, which would send it through the retry and error pipes and park it in the <c>_error</c> queue.
/// </summary>
internal static class DeliveryCancellation
{
    public static async Task<T?> OrRedeliveredAsync<T>(ConsumeContext context, ILogger logger, Func<CancellationToken, Task<T>> consume) where T : class
    {
        try
        {
            return await consume(context.CancellationToken);
        }
        catch (OperationCanceledException) when (context.CancellationToken.IsCancellationRequested)
        {
            logger.LogInformation("Delivery {MessageId} from {InputAddress} was cancelled (broker connection lost); the broker delivers it again",
                context.MessageId, context.ReceiveContext.InputAddress);
            return null;
        }
    }
}
