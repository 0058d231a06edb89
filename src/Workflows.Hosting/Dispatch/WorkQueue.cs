namespace Workflows.Hosting.Dispatch;

/// <summary>The address of this server's work queue (<c>Runtime:QueueName</c>).</summary>
public sealed record WorkQueue(Uri Address);
