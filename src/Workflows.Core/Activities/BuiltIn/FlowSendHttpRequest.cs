using System.Text.Json.Nodes;
using Workflows.Core.Runtime;

namespace Workflows.Core.Activities.BuiltIn;

/// <summary>
/// Sends an HTTP request and continues on the status code when it is one of ExpectedStatusCodes (else
/// <c>Unmatched status code</c>), always with <c>Done</c> too; <c>Failed to connect</c> or <c>Timeout</c> when no
/// response came.
/// </summary>
[Activity("Elsa", "FlowSendHttpRequest", Category = "HTTP", DisplayName = "HTTP Request (flow)", Description = "Send an HTTP request.", Kind = Descriptors.ActivityKind.Task)]
[FlowPort("Done")]
[FlowPort(UnmatchedStatusCode)]
[FlowPort(HttpSendResult.FailedToConnect)]
[FlowPort(HttpSendResult.Timeout)]
public sealed class FlowSendHttpRequest : Activity
{
    public const string UnmatchedStatusCode = "Unmatched status code";

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

    [Input(Description = "The status codes that get their own outcome.", TypeName = "Int32[]", UIHint = "multi-text", DefaultValueJson = "[200]", DefaultSyntax = "Object", Order = 6)]
    public List<int>? ExpectedStatusCodes { get; set; }

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
        using (response)
        {
            if (response is null)
            {
                context.Complete(result.Failure!);
                return;
            }
            await HttpRequestSender.SetOutputsAsync(context, response);
        }
        var expected = ExpectedStatusCodes ?? [];
        var outcomes = new List<string>();
        if (expected.Count > 0)
            outcomes.Add(expected.Contains(result.StatusCode!.Value) ? result.StatusCode.Value.ToString(System.Globalization.CultureInfo.InvariantCulture) : UnmatchedStatusCode);
        outcomes.Add("Done");
        context.CompleteWith(outcomes);
    }
}
