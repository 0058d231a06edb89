using System.Text.Json.Nodes;
using Workflows.Core.Definitions;
using Workflows.Core.Runtime;

namespace Workflows.Core.Activities.BuiltIn;

/// <summary>
/// Waits for an event published by name (PublishEvent, in this workflow or any other); Result is the event's payload.
/// As a trigger it starts the workflow.
/// </summary>
[Activity("Elsa", "Event", Category = "Primitives", Description = "Wait for an event to be published.", Kind = Descriptors.ActivityKind.Trigger)]
public sealed class Event : Activity, ITriggerActivity
{
    public const string BookmarkName = "Elsa.Event";

    /// <summary>The workflow input that carries the payload to the Event trigger of an instance an event started.</summary>
    public const string PayloadInput = "__EventPayloadWorkflowInput";

    [Input(Description = "The name of the event to wait for.")]
    public string? EventName { get; set; }

    [Output(Description = "The payload the event was published with.")]
    public JsonNode? Result { get; set; }

    public override ValueTask ExecuteAsync(ActivityContext context)
    {
        if (context.Node.CanStartWorkflow) // the trigger that started this instance, as Cron and HttpEndpoint
        {
            context.SetOutput(nameof(Result), context.ExpressionScope.GetInput(PayloadInput)?.DeepClone());
            context.Complete();
            return ValueTask.CompletedTask;
        }
        if (string.IsNullOrWhiteSpace(EventName))
            throw new InvalidOperationException($"Event '{context.Node.Id}' has no event name: set EventName to the name PublishEvent uses.");
        context.CreateBookmark(BookmarkName, BookmarkPayload(EventName));
        return ValueTask.CompletedTask;
    }

    public override ValueTask ResumeAsync(ActivityContext context, JsonNode? payload)
    {
        context.SetOutput(nameof(Result), payload?["payload"]);
        context.Complete();
        return ValueTask.CompletedTask;
    }

    /// <summary>The bookmark (and trigger) payload an event name hashes as.</summary>
    public static JsonObject BookmarkPayload(string eventName) => new() { ["eventName"] = eventName.Trim() };

    public JsonObject GetTriggerPayload(ActivityNode node) => BookmarkPayload(LiteralInputs.Get<string>(node, nameof(EventName)) ?? string.Empty);
}
