namespace Workflows.Core.Persistence;

/// <summary>One stored version of a workflow definition. <see cref="Json"/> is the whole Elsa 3 document.</summary>
public sealed record StoredWorkflowDefinition
{
    /// <summary>The version id (Elsa's <c>id</c>).</summary>
    public required string Id { get; init; }

    /// <summary>Stable across versions.</summary>
    public required string DefinitionId { get; init; }

    public required int Version { get; init; }
    public required bool IsLatest { get; init; }
    public required bool IsPublished { get; init; }
    public string? Name { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>The Elsa 3 definition document (camelCase JSON), flags and version included.</summary>
    public required string Json { get; init; }

    /// <summary>Hash of the imported file content, so an unchanged file does not create a new version.</summary>
    public string? ContentHash { get; init; }
}
