namespace Workflows.Core.Persistence;

/// <summary>A trigger indexed on publish (Elsa's StoredTrigger): something that can start a new instance.</summary>
public sealed record TriggerRecord
{
    public required string Id { get; init; }
    public required string WorkflowDefinitionId { get; init; }
    public required string WorkflowDefinitionVersionId { get; init; }
    public required string ActivityId { get; init; }

    /// <summary>The activity type, e.g. <c>Elsa.Cron</c>, <c>Elsa.HttpEndpoint</c> or <c>Elsa.Timer</c>.</summary>
    public required string Name { get; init; }

    /// <summary>Deterministic hash of name and payload (for HTTP: path and method lookups).</summary>
    public required string Hash { get; init; }

    /// <summary>Trigger data: <c>{"cronExpression"}</c>, <c>{"path","methods"}</c> or <c>{"interval"}</c>.</summary>
    public required string PayloadJson { get; init; }
}
