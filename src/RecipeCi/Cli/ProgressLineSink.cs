using Workflows.Core.Runtime;

namespace RecipeCi.Cli;

/// <summary>Prints the flow's <c>Elsa.WriteLine</c> texts through <see cref="RunProgress"/>, so a live status never hides them.</summary>
internal sealed class ProgressLineSink(RunProgress progress) : IWriteLineSink
{
    public ValueTask WriteLineAsync(string workflowInstanceId, string activityId, string text, CancellationToken cancellationToken)
    {
        progress.WriteLine(text);
        return ValueTask.CompletedTask;
    }
}
