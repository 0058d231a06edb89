using System.Text.Json.Nodes;

namespace Workflows.Hosting.Triggers.Http;

/// <summary>The response slot of one HTTP request while its workflow runs; the first WriteHttpResponse fills it.</summary>
public sealed class PendingHttpResponse
{
    private CapturedHttpResponse? _response;

    public CapturedHttpResponse? Response => Volatile.Read(ref _response);

    /// <summary>Keeps the first response (an HTTP request has one answer); returns false for later ones.</summary>
    public bool TryCapture(int statusCode, JsonNode? content, string contentType) =>
        Interlocked.CompareExchange(ref _response, new CapturedHttpResponse(statusCode, content?.DeepClone(), contentType), null) is null;
}
