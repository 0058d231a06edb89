using System.Text;
using System.Text.Json.Nodes;

namespace Workflows.Hosting.Triggers.Http;

/// <summary>Writes a captured WriteHttpResponse: JSON content types get JSON, others get a string body as text.</summary>
public static class HttpResponseWriter
{
    public static async Task WriteAsync(HttpResponse response, CapturedHttpResponse captured, CancellationToken cancellationToken)
    {
        if (captured.File is { } file)
        {
            await HttpFileResponseWriter.WriteAsync(response.HttpContext, file);
            return;
        }
        if (captured.StatusCode == StatusCodes.Status204NoContent && captured.Content is null && captured.ContentType.Length == 0)
        {
            response.StatusCode = StatusCodes.Status204NoContent;
            return;
        }
        response.StatusCode = captured.StatusCode;
        response.ContentType = captured.ContentType;
        foreach (var (name, value) in captured.Headers)
            response.Headers[name] = value;
        var text = captured.Content switch
        {
            null => null,
            JsonValue value when !IsJson(captured.ContentType) && value.TryGetValue<string>(out var s) => s,
            var node => node.ToJsonString(),
        };
        if (text is not null)
            await response.Body.WriteAsync(Encoding.UTF8.GetBytes(text), cancellationToken);
    }

    private static bool IsJson(string contentType) =>
        contentType.StartsWith("application/json", StringComparison.OrdinalIgnoreCase)
        || contentType.Contains("+json", StringComparison.OrdinalIgnoreCase);
}
