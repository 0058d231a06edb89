using Workflows.Core.Persistence;
using Workflows.Persistence.Data.Entities;

namespace Workflows.Persistence.Stores.Mapping;

internal static class TriggerMapping
{
    public static TriggerEntity ToEntity(this TriggerRecord t) => new()
    {
        Id = t.Id,
        WorkflowDefinitionId = t.WorkflowDefinitionId,
        WorkflowDefinitionVersionId = t.WorkflowDefinitionVersionId,
        ActivityId = t.ActivityId,
        Name = t.Name,
        Hash = t.Hash,
        PayloadJson = t.PayloadJson,
    };

    public static TriggerRecord ToRecord(this TriggerEntity e) => new()
    {
        Id = e.Id,
        WorkflowDefinitionId = e.WorkflowDefinitionId,
        WorkflowDefinitionVersionId = e.WorkflowDefinitionVersionId,
        ActivityId = e.ActivityId,
        Name = e.Name,
        Hash = e.Hash,
        PayloadJson = e.PayloadJson,
    };
}
