using Workflows.Core.Management;
using Workflows.Core.Persistence;

namespace Workflows.Hosting.Api.Definitions;

/// <summary>
/// <c>GET /workflow-definitions/by-definition-id/{definitionId}?versionOptions=</c> (Latest by default) and
/// <c>GET /workflow-definitions/by-id/{id}</c>: one full definition, normalised for Studio, or 404 JSON.
/// </summary>
public static class GetDefinitionEndpoints
{
    public static IEndpointRouteBuilder MapGetDefinition(this IEndpointRouteBuilder api)
    {
        api.MapGet("/workflow-definitions/by-definition-id/{definitionId}",
            async (string definitionId, string? versionOptions, WorkflowDefinitionService definitions, CancellationToken cancellationToken) =>
            {
                if (!VersionOptions.TryParse(versionOptions, VersionOptions.Latest, out var options))
                    return ElsaJson.BadRequest($"'{versionOptions}' is not a version option.");
                var found = await definitions.FindAsync(definitionId, options.ToSelector(), cancellationToken);
                return found is null
                    ? ElsaJson.NotFound($"Workflow definition '{definitionId}' has no {options.Kind} version.")
                    : ElsaJson.Ok(DefinitionViews.ToDefinition(found));
            });

        api.MapGet("/workflow-definitions/by-id/{id}", async (string id, IWorkflowDefinitionStore store, CancellationToken cancellationToken) =>
        {
            var found = await store.FindByIdAsync(id, cancellationToken);
            return found is null
                ? ElsaJson.NotFound($"Workflow definition version '{id}' was not found.")
                : ElsaJson.Ok(DefinitionViews.ToDefinition(found));
        });
        return api;
    }
}
