using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Workflows.Core.Runtime;

namespace Workflows.Core.Activities.BuiltIn;

/// <summary>What an HTTP request activity got: a response, or why there was none (Elsa's outcome names).</summary>
internal sealed record HttpSendResult(int? StatusCode, string? Failure)
{
    public const string FailedToConnect = "Failed to connect";
    public const string Timeout = "Timeout";
}

/// <summary>
/// Sends the request of SendHttpRequest / FlowSendHttpRequest / DownloadHttpFile and sets the outputs Elsa's have
/// (StatusCode, ParsedContent, ResponseHeaders). A connection failure or a timeout is a result (an outcome), as in Elsa;
/// the workflow's own cancellation is not.
/// </summary>
internal static class HttpRequestSender
{
    /// <summary>
    /// The named client of the HTTP request activities. No retry or circuit breaker is put on it: as in Elsa, a failed
    /// connection or a timeout is an outcome the flow handles, and retrying is the activity's retry policy's call (a
    /// POST repeated by a handler would run twice behind the flow's back).
    /// </summary>
    public const string ClientName = "Workflows.HttpRequest";

    /// <summary>
    /// Sends <paramref name="request"/>. DownloadHttpFile passes <see cref="HttpCompletionOption.ResponseHeadersRead"/>
    /// so it can stop reading a body larger than it may keep; the others buffer the whole response.
    /// </summary>
    public static async Task<(HttpSendResult Result, HttpResponseMessage? Response)> SendAsync(ActivityContext context, HttpRequestMessage request,
        HttpCompletionOption completion = HttpCompletionOption.ResponseContentRead)
    {
        // The client comes from the host's IHttpClientFactory (pooled handlers, DNS changes honoured). A bare service
        // provider without one (an embedding that registered nothing) gets a client for this request only.
        var factory = context.Services.GetService<IHttpClientFactory>();
        var client = factory?.CreateClient(ClientName) ?? new HttpClient();
        try
        {
            var response = await client.SendAsync(request, completion, context.CancellationToken);
            return (new HttpSendResult((int)response.StatusCode, null), response);
        }
        catch (HttpRequestException e)
        {
            context.Log("HttpRequestFailed", e.Message);
            return (new HttpSendResult(null, HttpSendResult.FailedToConnect), null);
        }
        catch (TaskCanceledException e) when (!context.CancellationToken.IsCancellationRequested)
        {
            context.Log("HttpRequestTimedOut", e.Message);
            return (new HttpSendResult(null, HttpSendResult.Timeout), null);
        }
        finally
        {
            // Disposing a factory client leaves its pooled handler alone; a client of our own goes with its handler.
            client.Dispose();
        }
    }

    public static HttpRequestMessage Build(string? url, string? method, JsonNode? content, string? contentType, string? authorization, JsonNode? headers, string activityId)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
            throw new InvalidOperationException($"HTTP request '{activityId}' has no valid absolute http(s) URL (got '{url}').");
        var request = new HttpRequestMessage(new HttpMethod(string.IsNullOrWhiteSpace(method) ? "GET" : method.Trim().ToUpperInvariant()), uri);
        if (!string.IsNullOrWhiteSpace(authorization))
            request.Headers.TryAddWithoutValidation("Authorization", authorization);
        if (headers is JsonObject map)
            foreach (var (name, value) in map)
                request.Headers.TryAddWithoutValidation(name, value is JsonArray values ? values.Select(v => v?.ToString() ?? string.Empty) : [Text(value)]);
        if (content is not null)
        {
            var isText = content is JsonValue v && v.TryGetValue<string>(out _);
            var type = string.IsNullOrWhiteSpace(contentType) ? isText ? "text/plain" : "application/json" : contentType;
            request.Content = new StringContent(isText ? content.GetValue<string>() : content.ToJsonString(), Encoding.UTF8);
            request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(type);
        }
        return request;
    }

    /// <summary>
    /// The outcomes of a response as Elsa's FlowSendHttpRequest and DownloadHttpFile name them: the status code when it
    /// is expected (else <c>Unmatched status code</c>, and nothing when no code is expected), then <c>Done</c>.
    /// </summary>
    public static IReadOnlyList<string> StatusOutcomes(IReadOnlyCollection<int> expected, int statusCode)
    {
        var outcomes = new List<string>();
        if (expected.Count > 0)
            outcomes.Add(expected.Contains(statusCode) ? statusCode.ToString(System.Globalization.CultureInfo.InvariantCulture) : FlowSendHttpRequest.UnmatchedStatusCode);
        outcomes.Add(FlowPorts.Done);
        return outcomes;
    }

    /// <summary>Headers as Elsa's HttpHeaders serialize: header name to the array of its values.</summary>
    public static JsonObject HeadersJson(IEnumerable<KeyValuePair<string, IEnumerable<string>>> headers)
    {
        var json = new JsonObject();
        foreach (var (name, values) in headers)
            json[name] = new JsonArray(values.Select(v => (JsonNode)v).ToArray());
        return json;
    }

    /// <summary>StatusCode, ParsedContent (JSON parsed when the response says JSON, else text) and ResponseHeaders.</summary>
    public static async Task SetOutputsAsync(ActivityContext context, HttpResponseMessage response)
    {
        context.SetOutput("StatusCode", (int)response.StatusCode);
        context.SetOutput("ResponseHeaders", HeadersJson(response.Headers.Concat(response.Content.Headers)));
        var text = await response.Content.ReadAsStringAsync(context.CancellationToken);
        context.SetOutput("ParsedContent", Parse(text, response.Content.Headers.ContentType?.MediaType));
    }

    private static JsonNode? Parse(string text, string? mediaType)
    {
        if (text.Length == 0)
            return null;
        if (mediaType?.Contains("json", StringComparison.OrdinalIgnoreCase) == true)
        {
            try
            {
                return JsonNode.Parse(text);
            }
            catch (System.Text.Json.JsonException)
            {
                return text; // a server that says JSON but sends something else: keep what it sent
            }
        }
        return text;
    }

    private static string Text(JsonNode? value) => value is JsonValue v && v.TryGetValue<string>(out var s) ? s : value?.ToJsonString() ?? string.Empty;
}
