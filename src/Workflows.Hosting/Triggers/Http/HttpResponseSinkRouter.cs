using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Workflows.Core.Activities.BuiltIn;

namespace Workflows.Hosting.Triggers.Http;

/// <summary>
/// The engine's <see cref="IHttpResponseSink"/> on the server: routes WriteHttpResponse to the HTTP request that is
/// running that instance in this process. Nothing is sent here; the request handler sends the captured response
/// after the run returned, that is after the step that wrote it was committed.
/// </summary>
public sealed class HttpResponseSinkRouter(ILogger<HttpResponseSinkRouter> logger) : IHttpResponseSink
{
    private readonly ConcurrentDictionary<string, PendingHttpResponse> _pending = new(StringComparer.Ordinal);

    /// <summary>Binds <paramref name="instanceId"/> to a request until the returned registration is disposed.</summary>
    public Registration Register(string instanceId)
    {
        var pending = new PendingHttpResponse();
        if (!_pending.TryAdd(instanceId, pending))
            throw new InvalidOperationException($"Workflow instance {instanceId} is already bound to an HTTP request.");
        return new Registration(this, instanceId, pending);
    }

    public ValueTask WriteAsync(string workflowInstanceId, int statusCode, JsonNode? content, string contentType, CancellationToken cancellationToken) =>
        WriteAsync(workflowInstanceId, statusCode, content, contentType, new Dictionary<string, string>(), cancellationToken);

    public ValueTask WriteAsync(string workflowInstanceId, int statusCode, JsonNode? content, string contentType,
        IReadOnlyDictionary<string, string> headers, CancellationToken cancellationToken)
    {
        Capture(workflowInstanceId, statusCode, pending => pending.TryCapture(statusCode, content, contentType, headers));
        return ValueTask.CompletedTask;
    }

    public ValueTask WriteFileAsync(string workflowInstanceId, HttpFile? file, CancellationToken cancellationToken)
    {
        Capture(workflowInstanceId, file is null ? 204 : 200, pending => pending.TryCaptureFile(file));
        return ValueTask.CompletedTask;
    }

    private void Capture(string workflowInstanceId, int statusCode, Func<PendingHttpResponse, bool> capture)
    {
        if (!_pending.TryGetValue(workflowInstanceId, out var pending))
            logger.LogWarning("An HTTP response activity in workflow instance {WorkflowInstanceId} has no HTTP request waiting on this node; response {StatusCode} dropped",
                workflowInstanceId, statusCode);
        else if (!capture(pending))
            logger.LogWarning("Workflow instance {WorkflowInstanceId} wrote a second HTTP response ({StatusCode}); the first one is sent",
                workflowInstanceId, statusCode);
    }

    /// <summary>Like <see cref="Register"/>; null when another request is already bound to the instance.</summary>
    public Registration? TryRegister(string instanceId)
    {
        var pending = new PendingHttpResponse();
        return _pending.TryAdd(instanceId, pending) ? new Registration(this, instanceId, pending) : null;
    }

    /// <summary>A request's binding; disposing it unbinds the instance.</summary>
    public sealed class Registration(HttpResponseSinkRouter router, string instanceId, PendingHttpResponse pending) : IDisposable
    {
        public PendingHttpResponse Pending => pending;

        public void Dispose() => router._pending.TryRemove(new KeyValuePair<string, PendingHttpResponse>(instanceId, pending));
    }
}
