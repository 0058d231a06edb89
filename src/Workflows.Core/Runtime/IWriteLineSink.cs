namespace Workflows.Core.Runtime;

/// <summary>Where <c>Elsa.WriteLine</c> writes: the console, a log, or a collector (<c>recipeci run --json</c>).</summary>
public interface IWriteLineSink
{
    ValueTask WriteLineAsync(string workflowInstanceId, string activityId, string text, CancellationToken cancellationToken);
}
