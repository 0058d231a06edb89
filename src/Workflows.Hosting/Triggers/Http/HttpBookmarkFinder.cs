using Workflows.Core.Activities.BuiltIn;
using Workflows.Core.Persistence;
using Workflows.Core.Runtime;

namespace Workflows.Hosting.Triggers.Http;

/// <summary>
/// Finds the mid-flow HttpEndpoint a request to <c>/workflows/{path}</c> resumes. Without an instance named, the
/// oldest committed bookmark for the path and method (narrowed by correlation id when given). With an instance named,
/// its bookmark, or, when the instance has not reached the endpoint yet, the endpoint in its definition: the request
/// is then stored as a stimulus and delivered when the bookmark appears.
/// </summary>
public sealed class HttpBookmarkFinder(IBookmarkStore bookmarks, IWorkflowInstanceStore instances, IWorkflowDefinitionStore definitions, WorkflowEngine engine)
{
    public static string Hash(string path, string method) =>
        BookmarkHash.Compute(HttpEndpoint.BookmarkName, HttpEndpoint.BookmarkPayload(path, method));

    public async Task<HttpBookmarkLookup> FindAsync(string path, string method, string? instanceId, string? correlationId, CancellationToken cancellationToken)
    {
        var normalized = path.Trim('/');
        var matches = await bookmarks.FindAsync(new BookmarkFilter
        {
            Name = HttpEndpoint.BookmarkName,
            Hash = Hash(normalized, method),
            WorkflowInstanceId = instanceId,
            CorrelationId = correlationId,
        }, cancellationToken);
        if (matches.Count > 0)
        {
            var bookmark = matches[0];
            var owner = await instances.FindAsync(bookmark.WorkflowInstanceId, cancellationToken);
            if (owner is not null && bookmark.ActivityId is { } activityId)
                return HttpBookmarkLookup.Found(new HttpBookmarkTarget(owner.Id, owner.DefinitionId, owner.DefinitionVersionId, activityId, normalized, bookmark.Id));
        }
        if (instanceId is null)
            return HttpBookmarkLookup.NotFound(null);

        var instance = await instances.FindAsync(instanceId, cancellationToken);
        if (instance is null)
            return HttpBookmarkLookup.NotFound($"Workflow instance '{instanceId}' was not found.");
        if (instance.Status == WorkflowStatus.Finished)
            return HttpBookmarkLookup.NotFound($"Workflow instance '{instanceId}' is already {instance.SubStatus}; nothing waits for this request.");
        var definition = await definitions.FindByIdAsync(instance.DefinitionVersionId, cancellationToken);
        if (definition is null)
            return HttpBookmarkLookup.NotFound($"The definition version of workflow instance '{instanceId}' was not found.");
        var endpoint = engine.GetModel(definition).Nodes
            .Where(n => n.Type == HttpEndpoint.BookmarkName && !n.CanStartWorkflow)
            .FirstOrDefault(n => HttpEndpoint.Route(n) is var route
                                 && route.Path == normalized
                                 && route.Methods.Contains(method.ToUpperInvariant()));
        return endpoint is null
            ? HttpBookmarkLookup.NotFound($"Workflow instance '{instanceId}' has no HTTP endpoint for {method.ToUpperInvariant()} '/{normalized}'.")
            : HttpBookmarkLookup.Found(new HttpBookmarkTarget(instance.Id, instance.DefinitionId, instance.DefinitionVersionId, endpoint.Id, normalized, null));
    }
}

/// <summary>What <see cref="HttpBookmarkFinder"/> found: a target, or why there is none (null reason: nothing waits at the path).</summary>
public sealed record HttpBookmarkLookup(HttpBookmarkTarget? Target, string? Problem)
{
    public static HttpBookmarkLookup Found(HttpBookmarkTarget target) => new(target, null);
    public static HttpBookmarkLookup NotFound(string? problem) => new(null, problem);
}
