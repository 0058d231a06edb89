using Workflows.Core.Runtime;

namespace Workflows.Hosting.Runtime;

/// <summary>On the server, <c>Elsa.WriteLine</c> writes to the log, with the instance and activity as properties.</summary>
public sealed class LoggerWriteLineSink(ILogger<LoggerWriteLineSink> logger) : IWriteLineSink
{
    public ValueTask WriteLineAsync(string workflowInstanceId, string activityId, string text, CancellationToken cancellationToken)
    {
        logger.LogInformation("{WorkflowInstanceId} {ActivityId}: {Text}", workflowInstanceId, activityId, text);
        return ValueTask.CompletedTask;
    }
}
