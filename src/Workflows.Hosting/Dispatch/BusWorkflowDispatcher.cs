using System.Text.Json.Nodes;
using MassTransit;
using Workflows.Core.Runtime;

namespace Workflows.Hosting.Dispatch;

/// <summary>The engine's dispatcher on the server: work goes onto the bus, and any node's consumer takes it.</summary>
public sealed class BusWorkflowDispatcher(IBus bus) : IWorkflowDispatcher
{
    public async ValueTask DispatchRunAsync(string instanceId, CancellationToken cancellationToken) =>
        await bus.Publish(new RunWorkflowInstance(instanceId), cancellationToken);

    public async ValueTask DispatchResumeAsync(string instanceId, string bookmarkId, JsonNode? payload, CancellationToken cancellationToken) =>
        await bus.Publish(new ResumeWorkflowInstance(instanceId, bookmarkId, payload?.ToJsonString()), cancellationToken);
}
