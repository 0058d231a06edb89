namespace Workflows.Hosting.Runtime;

/// <summary>Thrown by a consumer whose instance is held by another worker, so the bus retries the message later.</summary>
public sealed class InstanceBusyException(string message) : Exception(message);
