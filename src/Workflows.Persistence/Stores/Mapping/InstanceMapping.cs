using Workflows.Core.Persistence;
using Workflows.Persistence.Data.Entities;

namespace Workflows.Persistence.Stores.Mapping;

internal static class InstanceMapping
{
    public static WorkflowInstanceEntity ToEntity(this WorkflowInstanceRecord i) => new()
    {
        Id = i.Id,
        DefinitionId = i.DefinitionId,
        DefinitionVersionId = i.DefinitionVersionId,
        Version = i.Version,
        Name = i.Name,
        Status = i.Status.ToString(),
        SubStatus = i.SubStatus.ToString(),
        CorrelationId = i.CorrelationId,
        ParentInstanceId = i.ParentInstanceId,
        InputJson = i.InputJson,
        OutputJson = i.OutputJson,
        VariablesJson = i.VariablesJson,
        ExecutionStateJson = i.ExecutionStateJson,
        IncidentsJson = i.IncidentsJson,
        IncidentCount = i.IncidentCount,
        CreatedAt = i.CreatedAt,
        UpdatedAt = i.UpdatedAt,
        FinishedAt = i.FinishedAt,
        LeaseOwner = i.LeaseOwner,
        LeaseExpiresAt = i.LeaseExpiresAt,
    };

    public static WorkflowInstanceRecord ToRecord(this WorkflowInstanceEntity e) => new()
    {
        Id = e.Id,
        DefinitionId = e.DefinitionId,
        DefinitionVersionId = e.DefinitionVersionId,
        Version = e.Version,
        Name = e.Name,
        Status = Enum.Parse<WorkflowStatus>(e.Status),
        SubStatus = Enum.Parse<WorkflowSubStatus>(e.SubStatus),
        CorrelationId = e.CorrelationId,
        ParentInstanceId = e.ParentInstanceId,
        InputJson = e.InputJson,
        OutputJson = e.OutputJson,
        VariablesJson = e.VariablesJson,
        ExecutionStateJson = e.ExecutionStateJson,
        IncidentsJson = e.IncidentsJson,
        IncidentCount = e.IncidentCount,
        CreatedAt = e.CreatedAt,
        UpdatedAt = e.UpdatedAt,
        FinishedAt = e.FinishedAt,
        LeaseOwner = e.LeaseOwner,
        LeaseExpiresAt = e.LeaseExpiresAt,
    };
}
