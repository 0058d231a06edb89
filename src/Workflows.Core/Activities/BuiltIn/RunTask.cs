using System.Text.Json.Nodes;
using Workflows.Core.Runtime;

namespace Workflows.Core.Activities.BuiltIn;

/// <summary>
/// Requests a task to be run by something outside the workflow and waits until it is reported complete: the request
/// (task id, name, payload) is written to the journal as <c>RunTaskRequested</c>, and <see cref="TaskCompletion"/>
/// resumes the bookmark with the task's result.
/// </summary>
[Activity("Elsa", "RunTask", Category = "Primitives", Description = "Requests a given task to be run.")]
public sealed class RunTask : Activity
{
    public const string BookmarkName = "Elsa.RunTask";

    [Input(Description = "The name of the task being requested.", Order = 0)]
    public string? TaskName { get; set; }

    [Input(Description = "Any additional parameters to send to the task.", TypeName = "Object", UIHint = "json-editor", Order = 1)]
    public JsonNode? Payload { get; set; }

    [Output(Description = "The result the task was completed with.")]
    public JsonNode? Result { get; set; }

    public override ValueTask ExecuteAsync(ActivityContext context)
    {
        if (string.IsNullOrWhiteSpace(TaskName))
            throw new InvalidOperationException($"RunTask '{context.Node.Id}' has no task name.");
        // The activity instance id is the task id: unique, and stable if this step runs again after a crash.
        var taskId = context.ActivityInstanceId;
        context.Log("RunTaskRequested", TaskName, new JsonObject { ["taskId"] = taskId, ["taskName"] = TaskName, ["payload"] = Payload?.DeepClone() });
        context.CreateBookmark(BookmarkName, BookmarkPayload(taskId));
        return ValueTask.CompletedTask;
    }

    public override ValueTask ResumeAsync(ActivityContext context, JsonNode? payload)
    {
        context.SetOutput(nameof(Result), payload?["result"]);
        context.Complete();
        return ValueTask.CompletedTask;
    }

    public static JsonObject BookmarkPayload(string taskId) => new() { ["taskId"] = taskId };
}
