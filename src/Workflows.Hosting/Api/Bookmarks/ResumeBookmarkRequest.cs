using System.Text.Json.Nodes;

namespace Workflows.Hosting.Api.Bookmarks;

/// <summary>
/// Body of <c>POST /bookmarks/resume</c>: either a bookmark by id, or a stimulus (bookmark name and payload, optionally
/// narrowed to an instance or a correlation id) that may arrive before its bookmark exists; plus the input the resumed
/// activity receives and how long a queued stimulus waits.
/// </summary>
public sealed record ResumeBookmarkRequest(
    string? BookmarkId,
    string? BookmarkName,
    JsonNode? BookmarkPayload,
    string? WorkflowInstanceId,
    string? CorrelationId,
    JsonNode? Input,
    double? TimeToLiveSeconds);
