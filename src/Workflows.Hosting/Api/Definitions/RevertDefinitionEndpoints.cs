using Workflows.Core.Management;

namespace Workflows.Hosting.Api.Definitions;

/// <summary>
/// <c>POST /workflow-definitions/{definitionId}/revert/{version}</c>: version N is copied into a new unpublished latest
/// version (the definition service's rule); the answer is a summary, as Elsa's.
/// </summary>
public static class RevertDefinitionEndpoints
{
    public static IEndpointRouteBuilder MapRevertDefinition(this IEndpointRouteBuilder api)
    {
        api.MapPost("/workflow-definitions/{definitionId}/revert/{version:int}",
            async (string definitionId, int version, WorkflowDefinitionService definitions, CancellationToken cancellationToken) =>
            {
                try
                {
                    var copy = await definitions.RevertAsync(definitionId, version, cancellationToken);
                    return ElsaJson.Ok(DefinitionViews.ToSummary(copy));
                }
                catch (KeyNotFoundException e)
                {
                    return ElsaJson.NotFound(e.Message);
                }
            });
        return api;
    }
}
