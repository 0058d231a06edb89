using Workflows.Core.Management;
using Workflows.Core.Persistence;

namespace Workflows.Hosting.Api.Definitions;

/// <summary>
/// <c>POST /workflow-definitions/{definitionId}/publish</c> and <c>/retract</c>, and their bulk forms under
/// <c>/bulk-actions</c> used by the definition list.
/// </summary>
public static class PublishDefinitionEndpoints
{
    public sealed record BulkPublishResponse(
        IReadOnlyList<string> Published, IReadOnlyList<string> AlreadyPublished, IReadOnlyList<string> NotFound,
        IReadOnlyList<string> Skipped, IReadOnlyList<string> UpdatedConsumers);

    public sealed record BulkRetractResponse(
        IReadOnlyList<string> Retracted, IReadOnlyList<string> AlreadyRetracted, IReadOnlyList<string> NotFound, IReadOnlyList<string> Skipped);

    private enum Outcome { Done, Already, NotFound, Invalid }

    public static IEndpointRouteBuilder MapPublishDefinition(this IEndpointRouteBuilder api)
    {
        api.MapPost("/workflow-definitions/{definitionId}/publish",
            async (string definitionId, WorkflowDefinitionService definitions, CancellationToken cancellationToken) =>
            {
                var latest = await definitions.FindAsync(definitionId, VersionSelector.Latest, cancellationToken);
                if (latest is null)
                    return ElsaJson.NotFound($"Workflow definition '{definitionId}' was not found.");
                if (latest.IsPublished)
                    return ElsaJson.Ok(new SaveDefinitionResponse(DefinitionViews.ToDefinition(latest), true, 0, []));
                try
                {
                    var published = await definitions.PublishAsync(definitionId, cancellationToken);
                    return ElsaJson.Ok(new SaveDefinitionResponse(DefinitionViews.ToDefinition(published), false, 0, []));
                }
                catch (WorkflowValidationException e)
                {
                    return ElsaJson.BadRequest(e.Problems.Select(p => p.ToString()).ToArray());
                }
            });

        api.MapPost("/workflow-definitions/{definitionId}/retract",
            async (string definitionId, WorkflowDefinitionService definitions, IWorkflowDefinitionStore store, CancellationToken cancellationToken) =>
            {
                var versions = await store.ListVersionsAsync(definitionId, cancellationToken);
                if (versions.Count == 0)
                    return ElsaJson.NotFound($"Workflow definition '{definitionId}' was not found.");
                if (!versions.Any(v => v.IsPublished))
                    return ElsaJson.BadRequest($"Workflow definition '{definitionId}' is not published.");
                var retracted = await definitions.RetractAsync(definitionId, cancellationToken);
                return ElsaJson.Ok(DefinitionViews.ToDefinition(retracted));
            });

        api.MapPost("/bulk-actions/publish/workflow-definitions/by-definition-ids",
            async (HttpRequest request, WorkflowDefinitionService definitions, CancellationToken cancellationToken) =>
            {
                var (body, error) = await DefinitionRequests.ReadObjectAsync(request, cancellationToken);
                if (body is null)
                    return ElsaJson.BadRequest(error!);
                var results = new List<(string Id, Outcome Outcome)>();
                foreach (var definitionId in DefinitionRequests.Strings(body, "definitionIds"))
                    results.Add((definitionId, await PublishOneAsync(definitions, definitionId, cancellationToken)));
                return ElsaJson.Ok(new BulkPublishResponse(
                    Ids(results, Outcome.Done), Ids(results, Outcome.Already), Ids(results, Outcome.NotFound), Ids(results, Outcome.Invalid), []));
            });

        api.MapPost("/bulk-actions/retract/workflow-definitions/by-definition-ids",
            async (HttpRequest request, WorkflowDefinitionService definitions, IWorkflowDefinitionStore store, CancellationToken cancellationToken) =>
            {
                var (body, error) = await DefinitionRequests.ReadObjectAsync(request, cancellationToken);
                if (body is null)
                    return ElsaJson.BadRequest(error!);
                var results = new List<(string Id, Outcome Outcome)>();
                foreach (var definitionId in DefinitionRequests.Strings(body, "definitionIds"))
                {
                    var versions = await store.ListVersionsAsync(definitionId, cancellationToken);
                    var outcome = versions.Count == 0 ? Outcome.NotFound : !versions.Any(v => v.IsPublished) ? Outcome.Already : Outcome.Done;
                    if (outcome == Outcome.Done)
                        await definitions.RetractAsync(definitionId, cancellationToken);
                    results.Add((definitionId, outcome));
                }
                return ElsaJson.Ok(new BulkRetractResponse(Ids(results, Outcome.Done), Ids(results, Outcome.Already), Ids(results, Outcome.NotFound), []));
            });
        return api;
    }

    private static async Task<Outcome> PublishOneAsync(WorkflowDefinitionService definitions, string definitionId, CancellationToken cancellationToken)
    {
        var latest = await definitions.FindAsync(definitionId, VersionSelector.Latest, cancellationToken);
        if (latest is null)
            return Outcome.NotFound;
        if (latest.IsPublished)
            return Outcome.Already;
        try
        {
            await definitions.PublishAsync(definitionId, cancellationToken);
            return Outcome.Done;
        }
        catch (WorkflowValidationException)
        {
            return Outcome.Invalid;
        }
    }

    private static List<string> Ids(List<(string Id, Outcome Outcome)> results, Outcome outcome) =>
        results.Where(r => r.Outcome == outcome).Select(r => r.Id).ToList();
}
