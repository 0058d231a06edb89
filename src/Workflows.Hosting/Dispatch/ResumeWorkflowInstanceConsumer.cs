using System.Text.Json.Nodes;
using MassTransit;
using Workflows.Hosting.Runtime;

namespace Workflows.Hosting.Dispatch;

/// <summary>
/// Claims an instance to resume it at a bookmark on this node and runs it in the background; a busy instance makes
/// the bus retry the message later.
/// </summary>
public sealed class ResumeWorkflowInstanceConsumer(InstanceRunner runner, WorkerSlots slots, ServerShutdown shutdown, ILogger<ResumeWorkflowInstanceConsumer> logger)
    : IConsumer<ResumeWorkflowInstance>
{
    public async Task Consume(ConsumeContext<ResumeWorkflowInstance> context)
    {
        if (await ShutdownHandoff.TryHandOffAsync(context, shutdown))
            return;
        var message = context.Message;
        var payload = message.PayloadJson is null ? null : JsonNode.Parse(message.PayloadJson);
        var work = new InstanceWork(message.InstanceId, message.BookmarkId, payload, message.StimulusId);
        var outcome = await DeliveryCancellation.OrRedeliveredAsync(context, logger, async ct =>
            await runner.StartAsync(work, await slots.TakeAsync(ct), ct));
        switch (outcome?.Kind)
        {
            case RunOutcomeKind.Busy:
                throw new InstanceBusyException(outcome.Reason ?? "busy");
            case RunOutcomeKind.Skipped:
                logger.LogDebug("Resumption of workflow instance {WorkflowInstanceId} at {BookmarkId} skipped: {Reason}",
                    message.InstanceId, message.BookmarkId, outcome.Reason);
                break;
        }
    }
}
