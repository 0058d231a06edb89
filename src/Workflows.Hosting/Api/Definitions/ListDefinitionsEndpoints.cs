using Workflows.Core.Persistence;
using Workflows.Hosting.Api.Models;

namespace Workflows.Hosting.Api.Definitions;

/// <summary>
/// <c>GET /workflow-definitions</c> (the definition list and version history) and <c>GET /workflow-definitions/query/count</c>.
/// </summary>
public static class ListDefinitionsEndpoints
{
    public sealed record CountResponse(long Count);

    public static IEndpointRouteBuilder MapListDefinitions(this IEndpointRouteBuilder api)
    {
        api.MapGet("/workflow-definitions", async (HttpRequest request, IWorkflowDefinitionStore store, CancellationToken cancellationToken) =>
        {
            var (query, error) = DefinitionListQuery.Parse(request.Query);
            if (query is null)
                return ElsaJson.BadRequest(error!);
            var page = await ListAsync(store, query, cancellationToken);
            var summaries = page.Items.Select(DefinitionViews.ToSummary).ToList();
            return ElsaJson.Ok(new PagedListResponse<WorkflowDefinitionSummary>(summaries, page.TotalCount, DefinitionLinks.ForList()));
        });

        api.MapGet("/workflow-definitions/query/count", async (IWorkflowDefinitionStore store, CancellationToken cancellationToken) =>
        {
            // One per definition: its latest version.
            var page = await store.ListAsync(new WorkflowDefinitionFilter { IsLatest = true }, new PageArgs(0, 1), cancellationToken);
            return ElsaJson.Ok(new CountResponse(page.TotalCount));
        });
        return api;
    }

    private static async Task<Page<StoredWorkflowDefinition>> ListAsync(
        IWorkflowDefinitionStore store, DefinitionListQuery query, CancellationToken cancellationToken)
    {
        // recipeci has no system workflows (Elsa's built-in ones), so asking for only those finds none.
        if (query.OnlySystem)
            return new Page<StoredWorkflowDefinition>([], 0);
        if (query.VersionOptions.Kind != VersionOptionsKind.LatestOrPublished)
            return await store.ListAsync(query.Filter, query.Paging, cancellationToken);
        // "latest or published" is an OR of two flags, which the store filter cannot say: filter and page here.
        var all = await store.ListAsync(query.Filter, PageArgs.All, cancellationToken);
        var matching = all.Items.Where(query.VersionOptions.Matches).ToList();
        return new Page<StoredWorkflowDefinition>(matching.Skip(query.Paging.Skip).Take(query.Paging.PageSize).ToList(), matching.Count);
    }
}
