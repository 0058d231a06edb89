
namespace Workflows.Hosting.Api.Definitions;

/// <summary>
/// <c>DELETE /workflow-definitions/{definitionId}</c>, <c>DELETE /workflow-definition-versions/{id}</c> and the bulk
/// deletes by version id (version history) and by definition id (definition list).
/// </summary>
public static class DeleteDefinitionEndpoints
{
    public sealed record DeletedResponse(int Deleted);

    public static IEndpointRouteBuilder MapDeleteDefinition(this IEndpointRouteBuilder api)
    {
        api.MapDelete("/workflow-definitions/{definitionId}", async (string definitionId, DefinitionDeleter deleter, CancellationToken cancellationToken) =>
            await deleter.DeleteDefinitionAsync(definitionId, cancellationToken) > 0
                ? ElsaJson.Ok(new DeletedResponse(1))
                : ElsaJson.NotFound($"Workflow definition '{definitionId}' was not found."));

        api.MapDelete("/workflow-definition-versions/{id}", async (string id, DefinitionDeleter deleter, CancellationToken cancellationToken) =>
            await deleter.DeleteVersionAsync(id, cancellationToken)
                ? ElsaJson.Ok(new DeletedResponse(1))
                : ElsaJson.NotFound($"Workflow definition version '{id}' was not found."));

        api.MapPost("/bulk-actions/delete/workflow-definitions/by-id",
            async (HttpRequest request, DefinitionDeleter deleter, CancellationToken cancellationToken) =>
            {
                var (body, error) = await DefinitionRequests.ReadObjectAsync(request, cancellationToken);
                if (body is null)
                    return ElsaJson.BadRequest(error!);
                var deleted = 0;
                foreach (var id in DefinitionRequests.Strings(body, "ids"))
                    deleted += await deleter.DeleteVersionAsync(id, cancellationToken) ? 1 : 0;
                return ElsaJson.Ok(new DeletedResponse(deleted));
            });

        api.MapPost("/bulk-actions/delete/workflow-definitions/by-definition-id",
            async (HttpRequest request, DefinitionDeleter deleter, CancellationToken cancellationToken) =>
            {
                var (body, error) = await DefinitionRequests.ReadObjectAsync(request, cancellationToken);
                if (body is null)
                    return ElsaJson.BadRequest(error!);
                var deleted = 0;
                foreach (var definitionId in DefinitionRequests.Strings(body, "definitionIds"))
                    deleted += await deleter.DeleteDefinitionAsync(definitionId, cancellationToken) > 0 ? 1 : 0;
                return ElsaJson.Ok(new DeletedResponse(deleted));
            });
        return api;
    }
}
