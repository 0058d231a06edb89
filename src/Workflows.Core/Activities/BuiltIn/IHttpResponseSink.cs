using System.Text.Json.Nodes;

namespace Workflows.Core.Activities.BuiltIn;

/// <summary>Where WriteHttpResponse sends a response; the server registers one per waiting HTTP request.</summary>
public interface IHttpResponseSink
{
    ValueTask WriteAsync(string workflowInstanceId, int statusCode, JsonNode? content, string contentType, CancellationToken cancellationToken);

    /// <summary>
    /// The same with response headers (e.g. <c>Location</c> of a 202). Sinks that cannot send headers keep the
    /// default, which drops them; the server's sink overrides it.
    /// </summary>
    ValueTask WriteAsync(string workflowInstanceId, int statusCode, JsonNode? content, string contentType,
        IReadOnlyDictionary<string, string> headers, CancellationToken cancellationToken) =>
        WriteAsync(workflowInstanceId, statusCode, content, contentType, cancellationToken);

    /// <summary>
    /// WriteFileHttpResponse's answer: <paramref name="file"/> as an attachment (null: 204 No Content). A sink that
    /// cannot send files says so rather than answering with something else.
    /// </summary>
    ValueTask WriteFileAsync(string workflowInstanceId, HttpFile? file, CancellationToken cancellationToken) =>
        throw new NotSupportedException($"This host cannot answer an HTTP request with a file ({GetType().Name} has no WriteFileAsync).");
}
