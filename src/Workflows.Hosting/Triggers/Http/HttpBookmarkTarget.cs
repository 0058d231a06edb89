namespace Workflows.Hosting.Triggers.Http;

/// <summary>
/// A mid-flow HttpEndpoint a request resumes: the instance, its definition version and the endpoint activity, and
/// the bookmark when it is already committed (null while the instance has not reached the endpoint yet: the request
/// is queued as a stimulus until it does).
/// </summary>
public sealed record HttpBookmarkTarget(
    string WorkflowInstanceId,
    string DefinitionId,
    string DefinitionVersionId,
    string ActivityId,
    string Path,
    string? BookmarkId);
