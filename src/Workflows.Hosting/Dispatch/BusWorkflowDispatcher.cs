using System.Text.Json.Nodes;
using MassTransit;
using Workflows.Core.Runtime;
using Workflows.Hosting.Bus;

namespace Workflows.Hosting.Dispatch;

/// <summary>
/// The engine's dispatcher on the server: work is sent to this server's work queue, where any node's consumer
/// takes it (sent, not published, so servers sharing a broker never see each other's work).
/// </summary>
/// <remarks>
/// Every dispatch follows a commit (a Pending instance, a due timer, a finished child, a queued stimulus), and the
/// recovery sweep, the timer scheduler and the stimulus redelivery find that committed work again. So a send is
/// bounded by <see cref="SendTimeout"/> and a failed one is logged, not thrown: a broker outage delays the work but
/// never holds up the caller (a webhook's answer, a run's commit, the sweep itself) or fails it. While this node
/// knows its RabbitMQ connection is down (<see cref="BusConsumption"/>), it does not even try.
/// </remarks>
public sealed class BusWorkflowDispatcher(IBus endpoints, WorkQueue queue, BusOptions bus, BusConsumption consumption, ILogger<BusWorkflowDispatcher> logger)
    : IWorkflowDispatcher
{
    /// <summary>The longest a send may take before it is left to recovery.</summary>
    public static readonly TimeSpan SendTimeout = TimeSpan.FromSeconds(3);

    public ValueTask DispatchRunAsync(string instanceId, CancellationToken cancellationToken) =>
        SendAsync(new RunWorkflowInstance(instanceId), instanceId, cancellationToken);

    public ValueTask DispatchResumeAsync(string instanceId, string bookmarkId, JsonNode? payload, CancellationToken cancellationToken) =>
        SendAsync(new ResumeWorkflowInstance(instanceId, bookmarkId, payload?.ToJsonString()), instanceId, cancellationToken);

    /// <summary>Resumes an instance at a bookmark with a queued stimulus, which the resumption's commit consumes.</summary>
    public ValueTask DispatchStimulusAsync(string instanceId, string bookmarkId, string stimulusId, string? inputJson, CancellationToken cancellationToken) =>
        SendAsync(new ResumeWorkflowInstance(instanceId, bookmarkId, inputJson, stimulusId), instanceId, cancellationToken);

    private async ValueTask SendAsync<T>(T message, string instanceId, CancellationToken cancellationToken) where T : class
    {
        if (bus.Transport == BusTransport.RabbitMq && !consumption.IsConsuming)
        {
            logger.LogWarning("Not sending {MessageType} for workflow instance {WorkflowInstanceId}: this node's bus is down ({State}); recovery dispatches it from the database once the broker is back",
                typeof(T).Name, instanceId, consumption.Describe());
            return;
        }
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(SendTimeout);
        try
        {
            var endpoint = await endpoints.GetSendEndpoint(queue.Address).WaitAsync(timeout.Token);
            await endpoint.Send(message, timeout.Token).WaitAsync(timeout.Token);
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            logger.LogWarning("Could not send {MessageType} for workflow instance {WorkflowInstanceId} to the bus ({Error}); recovery dispatches it from the database once the broker is back",
                typeof(T).Name, instanceId, e.GetBaseException().Message);
        }
    }
}
