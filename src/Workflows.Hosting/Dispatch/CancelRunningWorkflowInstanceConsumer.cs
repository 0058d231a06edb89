using MassTransit;
using Workflows.Hosting.Runtime;

namespace Workflows.Hosting.Dispatch;

/// <summary>Every node receives cancel broadcasts; the node running the instance cancels it (it ends Cancelled).</summary>
public sealed class CancelRunningWorkflowInstanceConsumer(RunningInstances running, ILogger<CancelRunningWorkflowInstanceConsumer> logger)
    : IConsumer<CancelRunningWorkflowInstance>
{
    public Task Consume(ConsumeContext<CancelRunningWorkflowInstance> context)
    {
        if (running.TryCancel(context.Message.InstanceId))
            logger.LogInformation("Cancelling workflow instance {WorkflowInstanceId} running on this node", context.Message.InstanceId);
        return Task.CompletedTask;
    }
}
