using System.Text.Json.Nodes;
using Workflows.Core.Runtime;

namespace Workflows.Core.Activities.BuiltIn;

/// <summary>
/// The request inputs and response outputs that Elsa's SendHttpRequest and FlowSendHttpRequest share (Elsa's
/// SendHttpRequestBase): the two differ only in how a status code picks what runs next.
/// </summary>
public abstract class HttpRequestActivity : Activity
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

    [Output(Description = "The HTTP response status code.")]
    public int StatusCode { get; set; }

    [Output(Description = "The response body: parsed JSON when the response is JSON, else text.")]
    public JsonNode? ParsedContent { get; set; }

    [Output(Description = "The response headers.")]
    public JsonNode? ResponseHeaders { get; set; }

    /// <summary>The request these inputs describe.</summary>
    protected HttpRequestMessage BuildRequest(ActivityContext context) =>
        HttpRequestSender.Build(Url, Method, Content, ContentType, Authorization, RequestHeaders, context.Node.Id);
}
