namespace Workflows.Core.Persistence;

/// <summary>Filters for definition queries; null members do not filter. All set members must match.</summary>
public sealed record WorkflowDefinitionFilter
{
    public string? DefinitionId { get; init; }
    public IReadOnlyCollection<string>? DefinitionIds { get; init; }
    public IReadOnlyCollection<string>? Ids { get; init; }
    public string? Name { get; init; }

    /// <summary>Case-insensitive substring of name or definition id.</summary>
    public string? SearchTerm { get; init; }

    public int? Version { get; init; }
    public bool? IsLatest { get; init; }
    public bool? IsPublished { get; init; }
    public WorkflowDefinitionOrder OrderBy { get; init; } = WorkflowDefinitionOrder.Name;
    public bool Descending { get; init; }
}
