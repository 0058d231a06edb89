using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Workflows.Core.Runtime;

namespace Workflows.Core.Activities.BuiltIn;

/// <summary>
/// Answers the HTTP request that started the workflow. Without an HTTP host (in-process runs) the response is
/// recorded in the journal instead.
/// </summary>
[Activity("Elsa", "WriteHttpResponse", Category = "HTTP", Description = "Write an HTTP response.")]
public sealed class WriteHttpResponse : Activity
{
    // Elsa types it HttpStatusCode: Studio exports the name ("OK", "Created"); numbers (201, "201") are accepted too.
    [Input(Description = "HTTP status code.", TypeName = "HttpStatusCode", DefaultValueJson = "\"OK\"", Order = 0)]
    public System.Net.HttpStatusCode StatusCode { get; set; } = System.Net.HttpStatusCode.OK;

    [Input(Description = "Response body.", TypeName = "Object", UIHint = "multiline", Order = 1)]
    public JsonNode? Content { get; set; }

    [Input(Description = "Content type.", DefaultValueJson = "\"application/json\"", Order = 2)]
    public string? ContentType { get; set; }

    [Input(Description = "Response headers: a JSON object of header name to value (e.g. Location).", TypeName = "Object", UIHint = "json-editor", DefaultSyntax = "Object", Order = 3)]
    public JsonNode? ResponseHeaders { get; set; }

    public override async ValueTask ExecuteAsync(ActivityContext context)
    {
        var status = StatusCode == 0 ? 200 : (int)StatusCode;
        var contentType = string.IsNullOrWhiteSpace(ContentType) ? "application/json" : ContentType;
        var headers = ReadHeaders(ResponseHeaders);
        if (context.Services.GetService<IHttpResponseSink>() is { } sink)
            await sink.WriteAsync(context.WorkflowInstanceId, status, Content, contentType, headers, context.CancellationToken);
        else
            context.Log("HttpResponse", $"{status} {contentType}", new JsonObject
            {
                ["statusCode"] = status,
                ["content"] = Content?.DeepClone(),
                ["headers"] = new JsonObject(headers.Select(h => KeyValuePair.Create(h.Key, (JsonNode?)h.Value))),
            });
        context.Complete();
    }

    /// <summary>Header values are written as text; null values are left out, and a non-object is a modelling error.</summary>
    private static IReadOnlyDictionary<string, string> ReadHeaders(JsonNode? node)
    {
        if (node is null)
            return new Dictionary<string, string>();
        if (node is not JsonObject headers)
            throw new InvalidOperationException("WriteHttpResponse.ResponseHeaders must be a JSON object of header name to value.");
        var result = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, value) in headers)
            if (value is not null)
                result[name] = value is JsonValue v && v.TryGetValue<string>(out var text) ? text : value.ToJsonString();
        return result;
    }
}
