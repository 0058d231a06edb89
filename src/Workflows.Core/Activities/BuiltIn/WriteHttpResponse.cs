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
    [Input(Description = "HTTP status code.", DefaultValueJson = "200", Order = 0)]
    public int StatusCode { get; set; } = 200;

    [Input(Description = "Response body.", TypeName = "Object", UIHint = "multiline", Order = 1)]
    public JsonNode? Content { get; set; }

    [Input(Description = "Content type.", DefaultValueJson = "\"application/json\"", Order = 2)]
    public string? ContentType { get; set; }

    public override async ValueTask ExecuteAsync(ActivityContext context)
    {
        var status = StatusCode == 0 ? 200 : StatusCode;
        var contentType = string.IsNullOrWhiteSpace(ContentType) ? "application/json" : ContentType;
        if (context.Services.GetService<IHttpResponseSink>() is { } sink)
            await sink.WriteAsync(context.WorkflowInstanceId, status, Content, contentType, context.CancellationToken);
        else
            context.Log("HttpResponse", $"{status} {contentType}", new JsonObject { ["statusCode"] = status, ["content"] = Content?.DeepClone() });
        context.Complete();
    }
}
