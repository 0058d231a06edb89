using System.Text.Json;
using System.Text.Json.Nodes;
using Workflows.Core.Definitions;
using Workflows.Core.Persistence;
using Workflows.Hosting.Api.Models;
using Workflows.Hosting.Runtime;

namespace Workflows.Hosting.Api.Instances;

/// <summary>
/// Reading and operating instances: list, one instance, its execution state, its variables, cancel.
/// </summary>
public static class InstanceEndpoints
{
    public static IEndpointRouteBuilder MapInstanceEndpoints(this IEndpointRouteBuilder api)
    {
        api.MapGet("/workflow-instances", async (HttpRequest http, IWorkflowInstanceStore store, CancellationToken ct) =>
        {
            if (!InstanceQueryParser.TryParse(http.Query, out var filter, out var paging, out var problem))
                return ElsaJson.BadRequest(problem!);
            var page = await store.ListAsync(filter, paging, ct);
            return ElsaJson.Ok(new InstancePage(page.Items.Select(InstanceViews.ToSummary).ToList(), page.TotalCount, paging.Page, paging.PageSize));
        });

        // Elsa Studio 3.8.2 lists instances with a POST whose JSON body carries paging, sorting, filters and search.
        api.MapPost("/workflow-instances", async (HttpRequest http, IWorkflowInstanceStore store, CancellationToken ct) =>
        {
            JsonObject? body;
            try
            {
                body = http.ContentLength is 0 ? [] : await JsonSerializer.DeserializeAsync<JsonObject>(http.Body, cancellationToken: ct) ?? [];
            }
            catch (JsonException e)
            {
                return ElsaJson.BadRequest($"The request body is not a JSON object: {e.Message}");
            }
            if (!InstanceListRequest.TryRead(body, out var filter, out var paging, out var problem))
                return ElsaJson.BadRequest(problem!);
            var page = await store.ListAsync(filter, paging, ct);
            return ElsaJson.Ok(new InstancePage(page.Items.Select(InstanceViews.ToSummary).ToList(), page.TotalCount, paging.Page, paging.PageSize));
        });

        api.MapGet("/workflow-instances/{id}", async (string id, IWorkflowInstanceStore store, CancellationToken ct) =>
            await store.FindAsync(id, ct) is { } instance ? ElsaJson.Ok(InstanceViews.ToModel(instance)) : NotFound(id));

        api.MapGet("/workflow-instances/{id}/execution-state", async (string id, IWorkflowInstanceStore store, CancellationToken ct) =>
            await store.FindAsync(id, ct) is { } instance ? ElsaJson.Ok(InstanceViews.ToState(instance)) : NotFound(id));

        api.MapGet("/workflow-instances/{id}/variables", async (string id, IWorkflowInstanceStore store, IWorkflowDefinitionStore definitions, CancellationToken ct) =>
        {
            if (await store.FindAsync(id, ct) is not { } instance)
                return NotFound(id);
            var declared = await InstanceVariables.DeclaredIdsAsync(definitions, instance.DefinitionVersionId, ct);
            var values = string.IsNullOrWhiteSpace(instance.VariablesJson) ? [] : WorkflowJson.ParseObject(instance.VariablesJson);
            var items = values.Select(v => new ResolvedVariableView(declared.GetValueOrDefault(v.Key, v.Key), v.Key, v.Value?.DeepClone())).ToList();
            return ElsaJson.Ok(new ListResponse<ResolvedVariableView>(items));
        });

        api.MapPost("/cancel/workflow-instances/{id}", async (string id, WorkflowCanceller canceller, CancellationToken ct) =>
            await canceller.CancelAsync(id, ct) is { } instance ? ElsaJson.Ok(InstanceViews.ToSummary(instance)) : NotFound(id));
        return api;
    }

    private static IResult NotFound(string id) => ElsaJson.NotFound($"Workflow instance '{id}' was not found.");

    private sealed record InstancePage(IReadOnlyList<InstanceSummary> Items, long TotalCount, int Page, int PageSize);
}
