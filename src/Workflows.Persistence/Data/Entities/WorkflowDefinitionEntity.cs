using Microsoft.EntityFrameworkCore;

namespace Workflows.Persistence.Data.Entities;

/// <summary>
/// Row of one stored definition version. Mirrors <c>StoredWorkflowDefinition</c>; kept separate so the schema
/// changes only through a migration, never because a Core record gained a property.
/// </summary>
// One row per (definition, version); also serves "all versions of a definition" ordered by version.
[Index(nameof(DefinitionId), nameof(Version), IsUnique = true)]
// Latest / published listings across all definitions.
[Index(nameof(IsLatest), nameof(Name))]
[Index(nameof(IsPublished), nameof(Name))]
public sealed class WorkflowDefinitionEntity
{
    /// <summary>The version id (unique per definition version).</summary>
    public required string Id { get; set; }
    public required string DefinitionId { get; set; }
    public int Version { get; set; }
    public bool IsLatest { get; set; }
    public bool IsPublished { get; set; }
    public string? Name { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public required string Json { get; set; }
    public string? ContentHash { get; set; }
}
