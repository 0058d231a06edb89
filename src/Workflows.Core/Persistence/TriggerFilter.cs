namespace Workflows.Core.Persistence;

/// <summary>Filters for trigger queries; null members do not filter.</summary>
public sealed record TriggerFilter
{
    public string? Name { get; init; }
    public string? Hash { get; init; }
    public string? WorkflowDefinitionId { get; init; }
}
