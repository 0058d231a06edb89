using System.Text.Json.Nodes;

namespace Workflows.Core.Activities.BuiltIn;

/// <summary>Where WriteHttpResponse sends a response; the server registers one per waiting HTTP request.</summary>
public interface IHttpResponseSink
{
    ValueTask WriteAsync(string workflowInstanceId, int statusCode, JsonNode? content, string contentType, CancellationToken cancellationToken);
}
