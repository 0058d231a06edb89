using System.Text.Json.Nodes;
using MassTransit;
using Workflows.Core.Runtime;

namespace Workflows.Hosting.Dispatch;

/// <summary>
/// The engine's dispatcher on the server: work is sent to this server's work queue, where any node's consumer
/// takes it (sent, not published, so servers sharing a broker never see each other's work).
/// </summary>
public sealed class BusWorkflowDispatcher(IBus endpoints, WorkQueue queue) : IWorkflowDispatcher
{
    public async ValueTask DispatchRunAsync(string instanceId, CancellationToken cancellationToken)
    {
        var endpoint = await endpoints.GetSendEndpoint(queue.Address);
        await endpoint.Send(new RunWorkflowInstance(instanceId), cancellationToken);
    }

    public async ValueTask DispatchResumeAsync(string instanceId, string bookmarkId, JsonNode? payload, CancellationToken cancellationToken)
    {
        var endpoint = await endpoints.GetSendEndpoint(queue.Address);
        await endpoint.Send(new ResumeWorkflowInstance(instanceId, bookmarkId, payload?.ToJsonString()), cancellationToken);
    }

    /// <summary>Resumes an instance at a bookmark with a queued stimulus, which the resumption's commit consumes.</summary>
    public async ValueTask DispatchStimulusAsync(string instanceId, string bookmarkId, string stimulusId, string? inputJson, CancellationToken cancellationToken)
    {
        var endpoint = await endpoints.GetSendEndpoint(queue.Address);
        await endpoint.Send(new ResumeWorkflowInstance(instanceId, bookmarkId, inputJson, stimulusId), cancellationToken);
    }
}
