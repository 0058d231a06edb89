using System.Text.Json.Nodes;
using Workflows.Core.Persistence;
using Workflows.Core.Runtime;

namespace Workflows.Core.Activities.BuiltIn;

/// <summary>
/// Publishes an event by name: every Event activity waiting for it resumes with the payload, once this step is
/// committed. Local: only this workflow instance's; otherwise any instance's, narrowed to a correlation id when given,
/// and every published workflow whose Event trigger listens for that name starts (with that correlation id).
/// </summary>
[Activity("Elsa", "PublishEvent", Category = "Primitives", Description = "Publishes an event.")]
public sealed class PublishEvent : Activity
{
    [Input(Description = "The name of the event to publish.", Order = 0)]
    public string? EventName { get; set; }

    [Input(Description = "Only workflows with this correlation id receive it (global events).", Order = 1)]
    public string? CorrelationId { get; set; }

    [Input(Description = "Only this workflow instance receives it.", Order = 2)]
    public bool IsLocal { get; set; }

    [Input(Description = "The event's payload.", TypeName = "Object", UIHint = "json-editor", Order = 3)]
    public JsonNode? Payload { get; set; }

    public override ValueTask ExecuteAsync(ActivityContext context)
    {
        if (string.IsNullOrWhiteSpace(EventName))
            throw new InvalidOperationException($"PublishEvent '{context.Node.Id}' has no event name.");
        var hash = BookmarkHash.Compute(Event.BookmarkName, Event.BookmarkPayload(EventName));
        var correlationId = string.IsNullOrWhiteSpace(CorrelationId) ? null : CorrelationId;
        context.ResumeMatchingBookmarks(new BookmarkFilter
        {
            Name = Event.BookmarkName,
            Hash = hash,
            WorkflowInstanceId = IsLocal ? context.WorkflowInstanceId : null,
            CorrelationId = correlationId,
        }, new JsonObject { ["eventName"] = EventName, ["payload"] = Payload?.DeepClone() });
        if (!IsLocal)
            context.StartTriggeredWorkflows(Event.BookmarkName, hash, new JsonObject { [Event.PayloadInput] = Payload?.DeepClone() }, correlationId);
        context.Complete();
        return ValueTask.CompletedTask;
    }
}
