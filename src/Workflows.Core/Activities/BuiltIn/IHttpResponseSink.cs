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
}
