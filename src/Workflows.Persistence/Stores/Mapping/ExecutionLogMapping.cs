using Workflows.Core.Persistence;
using Workflows.Persistence.Data.Entities;

namespace Workflows.Persistence.Stores.Mapping;

internal static class ExecutionLogMapping
{
    public static ExecutionLogRecordEntity ToEntity(this WorkflowExecutionLogRecord r) => new()
    {
        Id = r.Id,
        WorkflowInstanceId = r.WorkflowInstanceId,
        ActivityInstanceId = r.ActivityInstanceId,
        ParentActivityInstanceId = r.ParentActivityInstanceId,
        ActivityId = r.ActivityId,
        ActivityNodeId = r.ActivityNodeId,
        ActivityType = r.ActivityType,
        Timestamp = r.Timestamp,
        Sequence = r.Sequence,
        EventName = r.EventName,
        Message = r.Message,
        PayloadJson = r.PayloadJson,
    };

    public static WorkflowExecutionLogRecord ToRecord(this ExecutionLogRecordEntity e) => new()
    {
        Id = e.Id,
        WorkflowInstanceId = e.WorkflowInstanceId,
        ActivityInstanceId = e.ActivityInstanceId,
        ParentActivityInstanceId = e.ParentActivityInstanceId,
        ActivityId = e.ActivityId,
        ActivityNodeId = e.ActivityNodeId,
        ActivityType = e.ActivityType,
        Timestamp = e.Timestamp,
        Sequence = e.Sequence,
        EventName = e.EventName,
        Message = e.Message,
        PayloadJson = e.PayloadJson,
    };
}
