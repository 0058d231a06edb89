using Workflows.Core.Persistence;
using Workflows.Persistence.Data.Entities;

namespace Workflows.Persistence.Stores.Mapping;

internal static class StimulusMapping
{
    public static StimulusEntity ToEntity(this StimulusRecord s) => new()
    {
        Id = s.Id,
        BookmarkName = s.BookmarkName,
        BookmarkHash = s.BookmarkHash,
        WorkflowInstanceId = s.WorkflowInstanceId,
        CorrelationId = s.CorrelationId,
        InputJson = s.InputJson,
        CreatedAt = s.CreatedAt,
        ExpiresAt = s.ExpiresAt,
    };

    public static StimulusRecord ToRecord(this StimulusEntity e) => new()
    {
        Id = e.Id,
        BookmarkName = e.BookmarkName,
        BookmarkHash = e.BookmarkHash,
        WorkflowInstanceId = e.WorkflowInstanceId,
        CorrelationId = e.CorrelationId,
        InputJson = e.InputJson,
        CreatedAt = e.CreatedAt,
        ExpiresAt = e.ExpiresAt,
    };
}
