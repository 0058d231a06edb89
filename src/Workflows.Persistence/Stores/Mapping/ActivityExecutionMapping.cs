using Workflows.Core.Persistence;
using Workflows.Persistence.Data.Entities;

namespace Workflows.Persistence.Stores.Mapping;

internal static class ActivityExecutionMapping
{
    public static ActivityExecutionRecordEntity ToEntity(this ActivityExecutionRecord r) => new()
    {
        Id = r.Id,
        WorkflowInstanceId = r.WorkflowInstanceId,
        ActivityId = r.ActivityId,
        ActivityNodeId = r.ActivityNodeId,
        ActivityType = r.ActivityType,
        ActivityTypeVersion = r.ActivityTypeVersion,
        ActivityName = r.ActivityName,
        Status = r.Status,
        OutcomesJson = r.OutcomesJson,
        InputsJson = r.InputsJson,
        OutputsJson = r.OutputsJson,
        Exception = r.Exception,
        HasBookmarks = r.HasBookmarks,
        StartedAt = r.StartedAt,
        CompletedAt = r.CompletedAt,
    };

    public static ActivityExecutionRecord ToRecord(this ActivityExecutionRecordEntity e) => new()
    {
        Id = e.Id,
        WorkflowInstanceId = e.WorkflowInstanceId,
        ActivityId = e.ActivityId,
        ActivityNodeId = e.ActivityNodeId,
        ActivityType = e.ActivityType,
        ActivityTypeVersion = e.ActivityTypeVersion,
        ActivityName = e.ActivityName,
        Status = e.Status,
        OutcomesJson = e.OutcomesJson,
        InputsJson = e.InputsJson,
        OutputsJson = e.OutputsJson,
        Exception = e.Exception,
        HasBookmarks = e.HasBookmarks,
        StartedAt = e.StartedAt,
        CompletedAt = e.CompletedAt,
    };
}
