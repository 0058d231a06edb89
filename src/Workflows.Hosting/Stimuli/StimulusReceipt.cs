namespace Workflows.Hosting.Stimuli;

/// <summary>
/// A stimulus was stored. <see cref="WorkflowInstanceId"/> is the instance it was dispatched to at once, or null when
/// no bookmark matched yet and it waits in the queue.
/// </summary>
public sealed record StimulusReceipt(string StimulusId, string? WorkflowInstanceId);
