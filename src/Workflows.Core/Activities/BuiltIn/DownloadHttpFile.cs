using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Workflows.Core.Runtime;

namespace Workflows.Core.Activities.BuiltIn;

/// <summary>
/// Downloads a file over HTTP. Continues as Elsa's does: the status code when it is one of ExpectedStatusCodes (else
/// <c>Unmatched status code</c>) and <c>Done</c>; <c>Failed to connect</c> or <c>Timeout</c> when no response came.
/// The file is the <c>Result</c> output in <see cref="HttpFile"/>'s JSON form (bytes as base64), bounded by
/// <see cref="MaxFileBytes"/> because every output is committed with the instance.
/// </summary>
[Activity("Elsa", "DownloadHttpFile", Category = "HTTP", DisplayName = "Download File", Description = "Downloads a file from a given URL.", Kind = Descriptors.ActivityKind.Task)]
[FlowPort(FlowPorts.Done)]
[FlowPort(FlowSendHttpRequest.UnmatchedStatusCode)]
[FlowPort(HttpSendResult.FailedToConnect)]
[FlowPort(HttpSendResult.Timeout)]
public sealed class DownloadHttpFile : Activity
{
    /// <summary>The largest body kept (1 MiB): the file is stored in the instance's state, written at every step.</summary>
    public const int MaxFileBytes = 1024 * 1024;

    [Input(DisplayName = "URL", Description = "The URL to download the file from.", Order = 0)]
    public string? Url { get; set; }

    [Input(Description = "The HTTP method to use when sending the request.", Options = ["GET", "POST", "PUT"], DefaultValueJson = "\"GET\"", Order = 1)]
    public string? Method { get; set; }

    [Input(Description = "A list of expected status codes to handle.", TypeName = "Int32[]", UIHint = "multi-text", DefaultValueJson = "[200]", DefaultSyntax = "Object", Order = 2)]
    public List<int>? ExpectedStatusCodes { get; set; }

    [Input(Description = "The content to send with the request (text, or JSON for an object).", TypeName = "Object", UIHint = "multiline", Order = 3)]
    public JsonNode? Content { get; set; }

    [Input(DisplayName = "Content Type", Description = "The content type to use when sending the request.",
        Options = ["application/json", "text/plain", "application/xml", "application/x-www-form-urlencoded"], Order = 4)]
    public string? RequestContentType { get; set; }

    [Input(Description = "The Authorization header value to send with the request. For example: Bearer {some-access-token}", Category = "Security", Order = 5)]
    public string? Authorization { get; set; }

    [Input(Description = "A value that allows to add the Authorization header without validation.", Category = "Security", Order = 6)]
    public bool DisableAuthorizationHeaderValidation { get; set; }

    [Input(Description = "The headers to send along with the request.", TypeName = "Object", UIHint = "json-editor", DefaultSyntax = "Object", Category = "Advanced", Order = 7)]
    public JsonNode? RequestHeaders { get; set; }

    [Output(Description = "The downloaded file: filename, contentType, eTag, length and the bytes as base64; null when the body is empty.", TypeName = "Object")]
    public JsonNode? Result { get; set; }

    [Output(Description = "The HTTP response status code")]
    public int StatusCode { get; set; }

    [Output(Description = "The response headers that were received.")]
    public JsonNode? ResponseHeaders { get; set; }

    [Output(DisplayName = "Content Headers", Description = "The response content headers that were received.")]
    public JsonNode? ResponseContentHeaders { get; set; }

    public override async ValueTask ExecuteAsync(ActivityContext context)
    {
        if (!DisableAuthorizationHeaderValidation && !string.IsNullOrWhiteSpace(Authorization) && !AuthenticationHeaderValue.TryParse(Authorization, out _))
            throw new InvalidOperationException(
                $"DownloadHttpFile '{context.Node.Id}': the Authorization value is not a valid header value (scheme and token, e.g. 'Bearer <token>'). Fix it or set DisableAuthorizationHeaderValidation.");
        using var request = HttpRequestSender.Build(Url, Method, Content, RequestContentType, Authorization, RequestHeaders, context.Node.Id);
        var (result, response) = await HttpRequestSender.SendAsync(context, request, HttpCompletionOption.ResponseHeadersRead);
        using (response)
        {
            if (response is null)
            {
                context.Complete(result.Failure!);
                return;
            }
            HttpFile? file;
            try
            {
                file = await ReadFileAsync(context, request, response);
            }
            catch (Exception e) when (BodyFailure(context, e) is { } failure)
            {
                // Elsa reads the body inside the request, so a body cut off or too slow is its outcome as well.
                context.Log("HttpRequestFailed", e.Message);
                context.Complete(failure);
                return;
            }
            context.SetOutput(nameof(Result), file?.ToJson());
            context.SetOutput(nameof(StatusCode), result.StatusCode!.Value);
            context.SetOutput(nameof(ResponseHeaders), HttpRequestSender.HeadersJson(response.Headers));
            context.SetOutput(nameof(ResponseContentHeaders), HttpRequestSender.HeadersJson(response.Content.Headers));
        }
        context.CompleteWith(HttpRequestSender.StatusOutcomes(ExpectedStatusCodes ?? [200], result.StatusCode.Value));
    }

    /// <summary>A permanent error (bad URL, bad Authorization, a file over the limit) would fail again on a retry.</summary>
    public override bool IsRetriable(Exception exception) => exception is not InvalidOperationException;

    private static string? BodyFailure(ActivityContext context, Exception e) => e switch
    {
        TaskCanceledException when !context.CancellationToken.IsCancellationRequested => HttpSendResult.Timeout,
        HttpRequestException or IOException => HttpSendResult.FailedToConnect,
        _ => null,
    };

    private static async Task<HttpFile?> ReadFileAsync(ActivityContext context, HttpRequestMessage request, HttpResponseMessage response)
    {
        var content = response.Content.Headers;
        if (content.ContentLength > MaxFileBytes)
            throw TooLarge(context, content.ContentLength.Value.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await using var body = await response.Content.ReadAsStreamAsync(context.CancellationToken);
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await body.ReadAsync(chunk, context.CancellationToken)) > 0)
        {
            if (buffer.Length + read > MaxFileBytes)
                throw TooLarge(context, "more than " + MaxFileBytes);
            buffer.Write(chunk, 0, read);
        }
        if (buffer.Length == 0)
            return null;
        var filename = content.ContentDisposition?.FileNameStar ?? content.ContentDisposition?.FileName?.Trim('"');
        if (string.IsNullOrWhiteSpace(filename))
            filename = request.RequestUri!.Segments.LastOrDefault()?.Trim('/');
        return new HttpFile(string.IsNullOrWhiteSpace(filename) ? "file.dat" : Uri.UnescapeDataString(filename),
            content.ContentType?.MediaType, response.Headers.ETag?.Tag, buffer.ToArray());
    }

    private static InvalidOperationException TooLarge(ActivityContext context, string size) => new(
        $"DownloadHttpFile '{context.Node.Id}': the response body ({size} bytes) exceeds the {MaxFileBytes}-byte limit of a file kept in workflow state. " +
        "Download smaller files, or have a step outside the workflow fetch large ones.");
}
