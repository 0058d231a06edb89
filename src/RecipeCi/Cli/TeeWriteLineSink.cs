using Workflows.Core.Runtime;

namespace RecipeCi.Cli;

/// <summary>Writes each WriteLine text to several sinks (collect and print).</summary>
internal sealed class TeeWriteLineSink(params IWriteLineSink[] sinks) : IWriteLineSink
{
    public async ValueTask WriteLineAsync(string workflowInstanceId, string activityId, string text, CancellationToken cancellationToken)
    {
        foreach (var sink in sinks)
            await sink.WriteLineAsync(workflowInstanceId, activityId, text, cancellationToken);
    }
}
