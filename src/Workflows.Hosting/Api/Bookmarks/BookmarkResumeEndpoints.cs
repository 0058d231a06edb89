using System.Text.Json;
using Workflows.Core.Definitions;
using Workflows.Core.Persistence;
using Workflows.Hosting.Stimuli;

namespace Workflows.Hosting.Api.Bookmarks;

/// <summary>
/// <c>POST /bookmarks/resume</c> (Elsa's resume entry, behind the API key or Studio session): stores a stimulus and
/// dispatches it to the matching bookmark, or queues it until one is committed. Answers 202
/// <c>{stimulusId, workflowInstanceId, queued}</c>; <c>workflowInstanceId</c> is null while it waits.
/// </summary>
public static class BookmarkResumeEndpoints
{
    private static readonly TimeSpan MaxTimeToLive = TimeSpan.FromDays(7);

    public static IEndpointRouteBuilder MapBookmarkResumeEndpoints(this IEndpointRouteBuilder api)
    {
        api.MapPost("/bookmarks/resume", async (HttpRequest http, StimulusSender sender, IBookmarkStore bookmarks,
            IWorkflowInstanceStore instances, CancellationToken ct) =>
        {
            ResumeBookmarkRequest? body;
            try { body = await JsonSerializer.DeserializeAsync<ResumeBookmarkRequest>(http.Body, WorkflowJson.Options, ct); }
            catch (JsonException e) { return ElsaJson.BadRequest($"The request body is not valid JSON: {e.Message}"); }
            if (body is null)
                return ElsaJson.BadRequest("The request body is empty; send bookmarkId, or bookmarkName with bookmarkPayload.");

            TimeSpan? timeToLive = null;
            if (body.TimeToLiveSeconds is { } seconds)
            {
                if (seconds <= 0 || seconds > MaxTimeToLive.TotalSeconds)
                    return ElsaJson.BadRequest($"timeToLiveSeconds must be above 0 and at most {MaxTimeToLive.TotalSeconds:0}; it is {seconds}.");
                timeToLive = TimeSpan.FromSeconds(seconds);
            }

            StimulusRequest request;
            if (body.BookmarkId is { Length: > 0 } bookmarkId)
            {
                var bookmark = await bookmarks.FindByIdAsync(bookmarkId, ct);
                if (bookmark is null)
                    return ElsaJson.NotFound($"Bookmark '{bookmarkId}' was not found: it was already resumed, or never existed.");
                request = new StimulusRequest
                {
                    BookmarkName = bookmark.Name,
                    BookmarkHash = bookmark.Hash,
                    WorkflowInstanceId = bookmark.WorkflowInstanceId,
                    Input = body.Input,
                    TimeToLive = timeToLive,
                };
            }
            else if (body.BookmarkName is { Length: > 0 } name)
            {
                if (body.WorkflowInstanceId is { Length: > 0 } instanceId)
                {
                    var instance = await instances.FindAsync(instanceId, ct);
                    if (instance is null)
                        return ElsaJson.NotFound($"Workflow instance '{instanceId}' was not found.");
                    if (instance.Status == WorkflowStatus.Finished)
                        return ElsaJson.Error(StatusCodes.Status409Conflict, "instance-finished",
                            $"Workflow instance '{instanceId}' is already {instance.SubStatus}; no bookmark of it can be resumed.");
                }
                request = new StimulusRequest
                {
                    BookmarkName = name,
                    BookmarkPayload = body.BookmarkPayload,
                    WorkflowInstanceId = body.WorkflowInstanceId is { Length: > 0 } ? body.WorkflowInstanceId : null,
                    CorrelationId = body.CorrelationId is { Length: > 0 } ? body.CorrelationId : null,
                    Input = body.Input,
                    TimeToLive = timeToLive,
                };
            }
            else
            {
                return ElsaJson.BadRequest("Name what to resume: bookmarkId, or bookmarkName (with bookmarkPayload, and optionally workflowInstanceId or correlationId).");
            }

            var receipt = await sender.SendAsync(request, ct);
            return ElsaJson.Status(new ResumeBookmarkResponse(receipt.StimulusId, receipt.WorkflowInstanceId, receipt.WorkflowInstanceId is null),
                StatusCodes.Status202Accepted);
        });
        return api;
    }

    private sealed record ResumeBookmarkResponse(string StimulusId, string? WorkflowInstanceId, bool Queued);
}
