using MassTransit;
using Microsoft.Extensions.Logging;
using Workflows.Hosting.Runtime;

namespace Workflows.Hosting.Dispatch;

/// <summary>Runs a dispatched instance on this node.</summary>
public sealed class RunWorkflowInstanceConsumer(InstanceRunner runner, ServerShutdown shutdown, ILogger<RunWorkflowInstanceConsumer> logger)
    : IConsumer<RunWorkflowInstance>
{
    public async Task Consume(ConsumeContext<RunWorkflowInstance> context)
    {
        if (await ShutdownHandoff.TryHandOffAsync(context, shutdown))
            return;
        var outcome = await runner.RunAsync(context.Message.InstanceId, context.CancellationToken);
        if (outcome.Kind == RunOutcomeKind.Skipped)
            logger.LogDebug("Run of workflow instance {WorkflowInstanceId} skipped: {Reason}", context.Message.InstanceId, outcome.Reason);
    }
}
