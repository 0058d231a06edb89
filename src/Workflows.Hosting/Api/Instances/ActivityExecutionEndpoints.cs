using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Workflows.Core.Definitions;
using Workflows.Core.Persistence;
using Workflows.Hosting.Api.Models;

namespace Workflows.Hosting.Api.Instances;

/// <summary>
/// The activity-execution calls of Studio's instance viewer: the records of an instance (optionally of one node),
/// their summaries, one record by id, and the per-node report that colours the canvas.
/// </summary>
public static class ActivityExecutionEndpoints
{
    public static IEndpointRouteBuilder MapActivityExecutionEndpoints(this IEndpointRouteBuilder api)
    {
        api.MapGet("/activity-executions/list", async (HttpRequest http, IWorkflowInstanceStore store, CancellationToken ct) =>
        {
            if (!TryReadQuery(http.Query, out var instanceId, out var nodeId))
                return ElsaJson.BadRequest("workflowInstanceId is required.");
            var records = await store.ListActivityExecutionsAsync(instanceId, ct);
            return ElsaJson.Ok(new ListResponse<ActivityExecutionView>(Of(records, nodeId).Select(ActivityExecutionViews.ToView).ToList()));
        });

        api.MapGet("/activity-execution-summaries/list", async (HttpRequest http, IWorkflowInstanceStore store, CancellationToken ct) =>
        {
            if (!TryReadQuery(http.Query, out var instanceId, out var nodeId))
                return ElsaJson.BadRequest("workflowInstanceId is required.");
            var records = await store.ListActivityExecutionsAsync(instanceId, ct);
            return ElsaJson.Ok(new ListResponse<ActivityExecutionSummaryView>(Of(records, nodeId).Select(ActivityExecutionViews.ToSummary).ToList()));
        });

        // Elsa answers the same record at /activity-executions/{id}; Studio uses by-id?id=, so that is the one we offer.
        api.MapGet("/activity-executions/by-id", async (HttpRequest http, IWorkflowInstanceStore store, CancellationToken ct) =>
        {
            if (http.Query["id"].ToString() is not { Length: > 0 } id)
                return ElsaJson.BadRequest("The activity execution id is required (query parameter 'id').");
            return await store.FindActivityExecutionAsync(id, ct) is { } record
                ? ElsaJson.Ok(ActivityExecutionViews.ToView(record))
                : ElsaJson.NotFound($"Activity execution '{id}' was not found.");
        });

        api.MapPost("/activity-executions/report", async (HttpRequest http, IWorkflowInstanceStore store, CancellationToken ct) =>
        {
            ActivityExecutionReportRequest? request;
            try { request = await JsonSerializer.DeserializeAsync<ActivityExecutionReportRequest>(http.Body, WorkflowJson.Options, ct); }
            catch (JsonException e) { return ElsaJson.BadRequest($"The report request is not valid JSON: {e.Message}"); }
            if (request?.WorkflowInstanceId is not { Length: > 0 } instanceId)
                return ElsaJson.BadRequest("workflowInstanceId is required.");
            var wanted = request.ActivityNodeIds is { Count: > 0 } ids ? new HashSet<string>(ids, StringComparer.Ordinal) : null;
            var stats = (await store.ListActivityExecutionsAsync(instanceId, ct))
                .Where(r => wanted is null || wanted.Contains(r.ActivityNodeId))
                .GroupBy(r => r.ActivityNodeId, StringComparer.Ordinal)
                .Select(g => ActivityExecutionViews.ToStats(g.Key, g.ToList()))
                .ToList();
            return ElsaJson.Ok(new ActivityExecutionReportView(stats));
        });
        return api;
    }

    private static bool TryReadQuery(IQueryCollection query, out string instanceId, out string nodeId)
    {
        instanceId = query["workflowInstanceId"].ToString();
        nodeId = query["activityNodeId"].ToString();
        return instanceId.Length > 0;
    }

    private static IEnumerable<ActivityExecutionRecord> Of(IEnumerable<ActivityExecutionRecord> records, string nodeId) =>
        records.Where(r => nodeId.Length == 0 || r.ActivityNodeId == nodeId).OrderBy(r => r.StartedAt);
}
