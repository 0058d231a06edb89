using System.Text.Json;
using Workflows.Core.Definitions;
using Workflows.Core.Persistence;
using Workflows.Hosting.Api.Models;

namespace Workflows.Hosting.Api.Instances;

/// <summary>
/// The activity-execution calls of Studio's instance viewer: the records of an instance (optionally of one node),
/// their summaries, one record by id, its call stack, and the per-node report that colours the canvas.
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

        // Studio's call-stack tab: {activityExecutionId, items (root first), totalCount}, paged by skip and take.
        api.MapGet("/activity-executions/{id}/call-stack", async (string id, HttpRequest http, IWorkflowInstanceStore store, CancellationToken ct) =>
        {
            if (!TryReadPaging(http.Query, out var skip, out var take, out var problem))
                return ElsaJson.BadRequest(problem);
            var across = !bool.TryParse(http.Query["includeCrossWorkflowChain"], out var include) || include;
            if (await store.FindActivityExecutionAsync(id, ct) is not { } record)
                return ElsaJson.NotFound($"Activity execution '{id}' was not found.");
            var chain = await new ActivityCallStack(store).ChainAsync(record, across, ct);
            return ElsaJson.Ok(new ActivityCallStackView(id, chain.Skip(skip).Take(take).Select(ActivityExecutionViews.ToView).ToList(), chain.Count));
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

    private static bool TryReadPaging(IQueryCollection query, out int skip, out int take, out string problem)
    {
        (skip, take, problem) = (0, int.MaxValue, string.Empty);
        if (query["skip"].ToString() is { Length: > 0 } s && (!int.TryParse(s, out skip) || skip < 0))
            problem = $"skip = '{s}' is not allowed; use a whole number of 0 or more.";
        else if (query["take"].ToString() is { Length: > 0 } t && (!int.TryParse(t, out take) || take < 1))
            problem = $"take = '{t}' is not allowed; use a whole number of 1 or more.";
        return problem.Length == 0;
    }

    private static IEnumerable<ActivityExecutionRecord> Of(IEnumerable<ActivityExecutionRecord> records, string nodeId) =>
        records.Where(r => nodeId.Length == 0 || r.ActivityNodeId == nodeId).OrderBy(r => r.StartedAt);
}
