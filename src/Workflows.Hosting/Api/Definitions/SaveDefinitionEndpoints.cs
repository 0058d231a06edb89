using Workflows.Core.Management;

namespace Workflows.Hosting.Api.Definitions;

/// <summary>
/// <c>POST /workflow-definitions</c> with <c>{"model":…,"publish":bool}</c>: Studio's save, autosave and publish
/// button. The definition service applies Elsa's rules (update the draft, or start a new draft after a published
/// version; publish validates). The answer carries the publish link so the editor stays editable.
/// </summary>
public static class SaveDefinitionEndpoints
{
    public static IEndpointRouteBuilder MapSaveDefinition(this IEndpointRouteBuilder api)
    {
        api.MapPost("/workflow-definitions", async (HttpRequest request, WorkflowDefinitionService definitions, CancellationToken cancellationToken) =>
        {
            var (body, error) = await DefinitionRequests.ReadObjectAsync(request, cancellationToken);
            if (body is null)
                return ElsaJson.BadRequest(error!);
            var (document, modelError) = DefinitionRequests.ToDocument(body["model"]);
            if (document is null)
                return ElsaJson.BadRequest(modelError!);
            var publish = body["publish"]?.GetValueKind() == System.Text.Json.JsonValueKind.True;
            try
            {
                var saved = await definitions.SaveAsync(document, publish, cancellationToken);
                return ElsaJson.Ok(new SaveDefinitionResponse(DefinitionViews.ToDefinition(saved), false, 0, []));
            }
            catch (WorkflowValidationException e)
            {
                // The draft is kept (as in Elsa); only publishing is refused.
                return ElsaJson.BadRequest(e.Problems.Select(p => p.ToString()).ToArray());
            }
        });
        return api;
    }
}
