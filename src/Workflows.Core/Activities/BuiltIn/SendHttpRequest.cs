using System.Text.Json.Nodes;
using Workflows.Core.Definitions;
using Workflows.Core.Runtime;

namespace Workflows.Core.Activities.BuiltIn;

/// <summary>
/// Sends an HTTP request and runs the activity of the ExpectedStatusCodes case that matches the response (else
/// UnmatchedStatusCode), or FailedToConnect / Timeout when no response came; completes after that activity.
/// </summary>
[Activity("Elsa", "SendHttpRequest", Category = "HTTP", DisplayName = "HTTP Request", Description = "Send an HTTP request.", Kind = Descriptors.ActivityKind.Task)]
[EmbeddedPort("UnmatchedStatusCode")]
[EmbeddedPort("FailedToConnect")]
[EmbeddedPort("Timeout")]
[FlowPort(FlowPorts.Done)]
public sealed class SendHttpRequest : HttpRequestActivity
{
    [Input(Description = "Cases: a status code and the activity to run for it.", UIHint = "http-status-codes", IsWrapped = false, TypeName = "Object", Order = 6)]
    public JsonNode? ExpectedStatusCodes { get; set; }

    public override async ValueTask ExecuteAsync(ActivityContext context)
    {
        using var request = BuildRequest(context);
        var (result, response) = await HttpRequestSender.SendAsync(context, request);
        ActivityNode? next;
        using (response)
        {
            if (response is not null)
                await HttpRequestSender.SetOutputsAsync(context, response);
            next = result.Failure switch
            {
                HttpSendResult.FailedToConnect => context.GetEmbeddedChild("FailedToConnect"),
                HttpSendResult.Timeout => context.GetEmbeddedChild("Timeout"),
                _ => CaseActivity(context, result.StatusCode!.Value) ?? context.GetEmbeddedChild("UnmatchedStatusCode"),
            };
        }
        if (next is null)
            context.Complete();
        else
            context.ScheduleChild(next);
    }

    public override ValueTask OnChildCompletedAsync(ActivityContext context, ChildCompletion child)
    {
        context.Complete();
        return ValueTask.CompletedTask;
    }

    private ActivityNode? CaseActivity(ActivityContext context, int statusCode) =>
        (ExpectedStatusCodes as JsonArray ?? [])
            .OfType<JsonObject>()
            .Where(c => c["statusCode"] is JsonValue v && v.TryGetValue<int>(out var code) && code == statusCode)
            .Select(c => context.GetChildNode(c["activity"] as JsonObject))
            .FirstOrDefault(n => n is not null);
}
