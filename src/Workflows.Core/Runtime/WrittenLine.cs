namespace Workflows.Core.Runtime;

public sealed record WrittenLine(string WorkflowInstanceId, string ActivityId, string Text);
