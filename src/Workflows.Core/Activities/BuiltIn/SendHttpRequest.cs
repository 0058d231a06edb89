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
[FlowPort("Done")]
public sealed class SendHttpRequest : Activity
{
    [Input(Description = "The URL to send the request to.", Order = 0)]
    public string? Url { get; set; }

    [Input(Description = "The HTTP method to use.", Options = ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"], DefaultValueJson = "\"GET\"", Order = 1)]
    public string? Method { get; set; }

    [Input(Description = "The content to send (text, or JSON for an object).", TypeName = "Object", UIHint = "multiline", Order = 2)]
    public JsonNode? Content { get; set; }

    [Input(Description = "The content type of the request body.", Order = 3)]
    public string? ContentType { get; set; }

    [Input(Description = "The Authorization header value.", Order = 4)]
    public string? Authorization { get; set; }

    [Input(Description = "Request headers: a JSON object of header name to value.", TypeName = "Object", UIHint = "json-editor", DefaultSyntax = "Object", Order = 5)]
    public JsonNode? RequestHeaders { get; set; }

    [Input(Description = "Cases: a status code and the activity to run for it.", UIHint = "http-status-codes", IsWrapped = false, TypeName = "Object", Order = 6)]
    public JsonNode? ExpectedStatusCodes { get; set; }

    [Output(Description = "The HTTP response status code.")]
    public int StatusCode { get; set; }

    [Output(Description = "The response body: parsed JSON when the response is JSON, else text.")]
    public JsonNode? ParsedContent { get; set; }

    [Output(Description = "The response headers.")]
    public JsonNode? ResponseHeaders { get; set; }

    public override async ValueTask ExecuteAsync(ActivityContext context)
    {
        using var request = HttpRequestSender.Build(Url, Method, Content, ContentType, Authorization, RequestHeaders, context.Node.Id);
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
