using Workflows.Core.Persistence;

namespace Workflows.Hosting.Api.Definitions;

/// <summary>
/// <c>GET /workflow-definitions/validation/is-name-unique?name=&amp;definitionId=</c>: whether another definition (any
/// version) already has this name. The definition's own versions do not count.
/// </summary>
public static class NameUniquenessEndpoints
{
    public sealed record NameUniqueResponse(bool IsUnique);

    public static IEndpointRouteBuilder MapNameUniqueness(this IEndpointRouteBuilder api)
    {
        api.MapGet("/workflow-definitions/validation/is-name-unique",
            async (string? name, string? definitionId, IWorkflowDefinitionStore store, CancellationToken cancellationToken) =>
            {
                if (string.IsNullOrWhiteSpace(name))
                    return ElsaJson.BadRequest("'name' is required.");
                var sameName = await store.ListAsync(new WorkflowDefinitionFilter { Name = name.Trim() }, PageArgs.All, cancellationToken);
                return ElsaJson.Ok(new NameUniqueResponse(sameName.Items.All(v => v.DefinitionId == definitionId)));
            });
        return api;
    }
}
