using MassTransit;
using Workflows.Hosting.Runtime;

namespace Workflows.Hosting.Dispatch;

/// <summary>Claims a dispatched instance on this node and runs it in the background (the message is acknowledged at once).</summary>
public sealed class RunWorkflowInstanceConsumer(InstanceRunner runner, WorkerSlots slots, ServerShutdown shutdown, ILogger<RunWorkflowInstanceConsumer> logger)
    : IConsumer<RunWorkflowInstance>
{
    public async Task Consume(ConsumeContext<RunWorkflowInstance> context)
    {
        if (await ShutdownHandoff.TryHandOffAsync(context, shutdown))
            return;
        var instanceId = context.Message.InstanceId;
        var outcome = await DeliveryCancellation.OrRedeliveredAsync(context, logger, async ct =>
            await runner.StartAsync(new InstanceWork(instanceId), await slots.TakeAsync(ct), ct));
        if (outcome?.Kind is RunOutcomeKind.Skipped or RunOutcomeKind.Busy)
            logger.LogDebug("Run of workflow instance {WorkflowInstanceId} not started here: {Reason}", instanceId, outcome.Reason);
    }
}
