namespace Workflows.Core.Runtime;

/// <summary>Keeps written lines in order, for tests and JSON output.</summary>
public sealed class CollectingWriteLineSink : IWriteLineSink
{
    private readonly Lock _gate = new();
    private readonly List<WrittenLine> _lines = [];

    public IReadOnlyList<WrittenLine> Lines
    {
        get
        {
            lock (_gate)
                return _lines.ToList();
        }
    }

    public IReadOnlyList<string> Texts => Lines.Select(l => l.Text).ToList();

    public ValueTask WriteLineAsync(string workflowInstanceId, string activityId, string text, CancellationToken cancellationToken)
    {
        lock (_gate)
            _lines.Add(new WrittenLine(workflowInstanceId, activityId, text));
        return ValueTask.CompletedTask;
    }
}
