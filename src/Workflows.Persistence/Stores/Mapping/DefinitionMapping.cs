using Workflows.Core.Persistence;
using Workflows.Persistence.Data.Entities;

namespace Workflows.Persistence.Stores.Mapping;

internal static class DefinitionMapping
{
    public static WorkflowDefinitionEntity ToEntity(this StoredWorkflowDefinition d) => new()
    {
        Id = d.Id,
        DefinitionId = d.DefinitionId,
        Version = d.Version,
        IsLatest = d.IsLatest,
        IsPublished = d.IsPublished,
        Name = d.Name,
        CreatedAt = d.CreatedAt,
        Json = d.Json,
        ContentHash = d.ContentHash,
    };

    public static StoredWorkflowDefinition ToRecord(this WorkflowDefinitionEntity e) => new()
    {
        Id = e.Id,
        DefinitionId = e.DefinitionId,
        Version = e.Version,
        IsLatest = e.IsLatest,
        IsPublished = e.IsPublished,
        Name = e.Name,
        CreatedAt = e.CreatedAt,
        Json = e.Json,
        ContentHash = e.ContentHash,
    };
}
