using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Workflows.Core.Definitions;
using Workflows.Core.Persistence;
using Workflows.Hosting.Api.Models;
using Workflows.Hosting.Runtime;

namespace Workflows.Hosting.Api.Instances;

/// <summary>
/// Reading and operating instances: list, one instance, its execution state, its journal, its activity executions,
/// cancel.
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

        api.MapGet("/workflow-instances/{id}", async (string id, IWorkflowInstanceStore store, CancellationToken ct) =>
            await store.FindAsync(id, ct) is { } instance ? ElsaJson.Ok(InstanceViews.ToModel(instance)) : NotFound(id));

        api.MapGet("/workflow-instances/{id}/execution-state", async (string id, IWorkflowInstanceStore store, CancellationToken ct) =>
            await store.FindAsync(id, ct) is { } instance ? ElsaJson.Ok(InstanceViews.ToState(instance)) : NotFound(id));

        api.MapMethods("/workflow-instances/{id}/journal", ["GET", "POST"], async (string id, HttpRequest http, IWorkflowInstanceStore store, CancellationToken ct) =>
        {
            if (await store.FindAsync(id, ct) is null)
                return NotFound(id);
            JournalFilterRequest filter = new(null, null, null, null, null);
            if (HttpMethods.IsPost(http.Method) && http.ContentLength != 0)
            {
                try { filter = await JsonSerializer.DeserializeAsync<JournalFilterRequest>(http.Body, WorkflowJson.Options, ct) ?? filter; }
                catch (JsonException e) { return ElsaJson.BadRequest($"The journal filter is not valid JSON: {e.Message}"); }
            }
            var page = Math.Max(0, filter.Page ?? (int.TryParse(http.Query["page"], out var p) ? p : 0));
            var pageSize = Math.Clamp(filter.PageSize ?? (int.TryParse(http.Query["pageSize"], out var s) ? s : 1000), 1, 10_000);
            // Filters apply before paging, so the journal is read whole and paged here (journals are per instance).
            var all = await store.ListExecutionLogAsync(id, PageArgs.All, ct);
            var matching = all.Items
                .Where(r => filter.ActivityIds is not { Count: > 0 } ids || (r.ActivityId is not null && ids.Contains(r.ActivityId)))
                .Where(r => filter.ActivityNodeIds is not { Count: > 0 } nodes || (r.ActivityNodeId is not null && nodes.Contains(r.ActivityNodeId)))
                .Where(r => filter.EventNames is not { Count: > 0 } names || names.Contains(r.EventName))
                .ToList();
            var items = matching.Skip(page * pageSize).Take(pageSize).Select(InstanceViews.ToView).ToList();
            return ElsaJson.Ok(new JournalPage(items, matching.Count, page, pageSize));
        });

        api.MapGet("/activity-executions/list", async (HttpRequest http, IWorkflowInstanceStore store, CancellationToken ct) =>
        {
            if (http.Query["workflowInstanceId"].ToString() is not { Length: > 0 } instanceId)
                return ElsaJson.BadRequest("workflowInstanceId is required.");
            var nodeId = http.Query["activityNodeId"].ToString();
            var records = await store.ListActivityExecutionsAsync(instanceId, ct);
            var items = records.Where(r => nodeId.Length == 0 || r.ActivityNodeId == nodeId).Select(InstanceViews.ToView).ToList();
            return ElsaJson.Ok(new ListResponse<ActivityExecutionView>(items));
        });

        api.MapPost("/cancel/workflow-instances/{id}", async (string id, WorkflowCanceller canceller, CancellationToken ct) =>
            await canceller.CancelAsync(id, ct) is { } instance ? ElsaJson.Ok(InstanceViews.ToSummary(instance)) : NotFound(id));
        return api;
    }

    private static IResult NotFound(string id) => ElsaJson.NotFound($"Workflow instance '{id}' was not found.");

    private sealed record InstancePage(IReadOnlyList<InstanceSummary> Items, long TotalCount, int Page, int PageSize);

    private sealed record JournalPage(IReadOnlyList<JournalRecordView> Items, long TotalCount, int Page, int PageSize);
}
