using Microsoft.EntityFrameworkCore;

namespace Workflows.Persistence.Data.Entities;

/// <summary>A trigger of a published definition version; looked up by its stimulus hash or activity type.</summary>
[Index(nameof(Hash))]
[Index(nameof(WorkflowDefinitionId))]
[Index(nameof(Name))]
public sealed class TriggerEntity
{
    public required string Id { get; set; }
    public required string WorkflowDefinitionId { get; set; }
    public required string WorkflowDefinitionVersionId { get; set; }
    public required string ActivityId { get; set; }
    public required string Name { get; set; }
    public required string Hash { get; set; }
    public required string PayloadJson { get; set; }
}
