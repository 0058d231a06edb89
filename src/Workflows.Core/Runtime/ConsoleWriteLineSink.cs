namespace Workflows.Core.Runtime;

/// <summary>Writes lines to standard output, as Elsa's WriteLine does.</summary>
public sealed class ConsoleWriteLineSink : IWriteLineSink
{
    public async ValueTask WriteLineAsync(string workflowInstanceId, string activityId, string text, CancellationToken cancellationToken) =>
        await Console.Out.WriteLineAsync(text.AsMemory(), cancellationToken);
}
