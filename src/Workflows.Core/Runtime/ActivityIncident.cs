namespace Workflows.Core.Runtime;

/// <summary>An activity fault recorded on the instance (Elsa's ActivityIncident).</summary>
public sealed record ActivityIncident(
    string ActivityId,
    string ActivityNodeId,
    string ActivityType,
    string Message,
    string? Exception,
    DateTimeOffset Timestamp);
