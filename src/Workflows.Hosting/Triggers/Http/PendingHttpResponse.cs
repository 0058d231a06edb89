using System.Text.Json.Nodes;

namespace Workflows.Hosting.Triggers.Http;

/// <summary>The response slot of one HTTP request while its workflow runs; the first WriteHttpResponse fills it.</summary>
public sealed class PendingHttpResponse
{
    private CapturedHttpResponse? _response;

    public CapturedHttpResponse? Response => Volatile.Read(ref _response);

    /// <summary>Keeps the first response (an HTTP request has one answer); returns false for later ones.</summary>
    public bool TryCapture(int statusCode, JsonNode? content, string contentType) =>
        TryCapture(statusCode, content, contentType, new Dictionary<string, string>());

    /// <summary>The same with response headers.</summary>
    public bool TryCapture(int statusCode, JsonNode? content, string contentType, IReadOnlyDictionary<string, string> headers) =>
        Interlocked.CompareExchange(ref _response,
            new CapturedHttpResponse(statusCode, content?.DeepClone(), contentType) { Headers = new Dictionary<string, string>(headers, StringComparer.OrdinalIgnoreCase) },
            null) is null;

    /// <summary>WriteFileHttpResponse's answer: the file (null: 204 No Content).</summary>
    public bool TryCaptureFile(Workflows.Core.Activities.BuiltIn.HttpFile? file) =>
        Interlocked.CompareExchange(ref _response,
            file is null ? new CapturedHttpResponse(204, null, string.Empty) : new CapturedHttpResponse(200, null, file.ContentType ?? string.Empty) { File = file },
            null) is null;
}
