namespace Workflows.Hosting.Dispatch;

/// <summary>Run a committed instance (pending, or interrupted by a crash or shutdown). Competing consumers: one node takes it.</summary>
public sealed record RunWorkflowInstance(string InstanceId);

/// <summary>
/// Resume an instance at a bookmark; <see cref="PayloadJson"/> is what the bookmark receives. With a
/// <see cref="StimulusId"/>, the resumption delivers that queued stimulus and removes it in its first commit.
/// </summary>
public sealed record ResumeWorkflowInstance(string InstanceId, string BookmarkId, string? PayloadJson, string? StimulusId = null);

/// <summary>Broadcast to every node: cancel the instance if it is running there.</summary>
public sealed record CancelRunningWorkflowInstance(string InstanceId);
