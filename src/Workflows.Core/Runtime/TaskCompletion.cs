using System.Text.Json.Nodes;
using Workflows.Core.Activities.BuiltIn;
using Workflows.Core.Persistence;

namespace Workflows.Core.Runtime;

/// <summary>
/// Reports a task requested by RunTask as complete (Elsa's <c>POST /tasks/{taskId}/complete</c>): resumes the waiting
/// bookmark with the result. Returns false when no workflow waits for that task id.
/// </summary>
public sealed class TaskCompletion(IBookmarkStore bookmarks, IWorkflowDispatcher dispatcher)
{
    public async Task<bool> CompleteAsync(string taskId, JsonNode? result, CancellationToken cancellationToken)
    {
        var waiting = await bookmarks.FindAsync(new BookmarkFilter
        {
            Name = RunTask.BookmarkName,
            Hash = BookmarkHash.Compute(RunTask.BookmarkName, RunTask.BookmarkPayload(taskId)),
        }, cancellationToken);
        foreach (var bookmark in waiting)
            await dispatcher.DispatchResumeAsync(bookmark.WorkflowInstanceId, bookmark.Id, new JsonObject { ["taskId"] = taskId, ["result"] = result?.DeepClone() }, cancellationToken);
        return waiting.Count > 0;
    }
}
