using Workflows.Core.Persistence;
using Workflows.Persistence.Data.Entities;

namespace Workflows.Persistence.Stores.Mapping;

internal static class BookmarkMapping
{
    public static BookmarkEntity ToEntity(this BookmarkRecord b) => new()
    {
        Id = b.Id,
        Name = b.Name,
        Hash = b.Hash,
        PayloadJson = b.PayloadJson,
        WorkflowInstanceId = b.WorkflowInstanceId,
        ActivityInstanceId = b.ActivityInstanceId,
        ActivityId = b.ActivityId,
        CorrelationId = b.CorrelationId,
        CreatedAt = b.CreatedAt,
        ResumeAt = b.ResumeAt,
    };

    public static BookmarkRecord ToRecord(this BookmarkEntity e) => new()
    {
        Id = e.Id,
        Name = e.Name,
        Hash = e.Hash,
        PayloadJson = e.PayloadJson,
        WorkflowInstanceId = e.WorkflowInstanceId,
        ActivityInstanceId = e.ActivityInstanceId,
        ActivityId = e.ActivityId,
        CorrelationId = e.CorrelationId,
        CreatedAt = e.CreatedAt,
        ResumeAt = e.ResumeAt,
    };
}
