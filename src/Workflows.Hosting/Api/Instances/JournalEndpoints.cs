using System.Text.Json;
using Workflows.Core.Definitions;
using Workflows.Core.Persistence;

namespace Workflows.Hosting.Api.Instances;

/// <summary>
/// <c>GET|POST /workflow-instances/{id}/journal</c>: the execution log in sequence order, filtered (activity ids,
/// node ids, excluded activity types, event names) and then paged by <c>skip</c>/<c>take</c> (Studio) or
/// <c>page</c>/<c>pageSize</c>.
/// </summary>
public static class JournalEndpoints
{
    private const int DefaultPageSize = 1000;
    private const int MaxPageSize = 10_000;

    /// <summary>Elsa logs the workflow's own events against its <c>Elsa.Workflow</c> activity; ours have no activity.</summary>
    private const string WorkflowActivityType = "Elsa.Workflow";

    public static IEndpointRouteBuilder MapJournalEndpoints(this IEndpointRouteBuilder api)
    {
        api.MapMethods("/workflow-instances/{id}/journal", ["GET", "POST"], async (string id, HttpRequest http, IWorkflowInstanceStore store, CancellationToken ct) =>
        {
            if (await store.FindAsync(id, ct) is null)
                return ElsaJson.NotFound($"Workflow instance '{id}' was not found.");
            var request = new JournalRequest(null, null, null, null, null, null, null, null, null);
            if (HttpMethods.IsPost(http.Method) && http.ContentLength != 0)
            {
                try { request = await JsonSerializer.DeserializeAsync<JournalRequest>(http.Body, WorkflowJson.Options, ct) ?? request; }
                catch (JsonException e) { return ElsaJson.BadRequest($"The journal filter is not valid JSON: {e.Message}"); }
            }
            if (!TryPaging(request, http.Query, out var skip, out var take, out var problem))
                return ElsaJson.BadRequest(problem!);

            var filter = request.EffectiveFilter;
            // Filters apply before paging, so the journal is read whole and paged here (journals are per instance).
            var all = await store.ListExecutionLogAsync(id, PageArgs.All, ct);
            var matching = all.Items.Where(r => Matches(filter, r)).ToList();
            var executions = (await store.ListActivityExecutionsAsync(id, ct)).ToDictionary(e => e.Id, StringComparer.Ordinal);
            var items = matching.Skip(skip).Take(take)
                .Select(r => InstanceViews.ToView(r, r.ActivityInstanceId is { } aid ? executions.GetValueOrDefault(aid) : null))
                .ToList();
            return ElsaJson.Ok(new JournalPage(items, matching.Count, skip / take, take));
        });
        return api;
    }

    private static bool Matches(JournalFilter filter, WorkflowExecutionLogRecord r) =>
        (filter.ActivityIds is not { Count: > 0 } ids || (r.ActivityId is not null && ids.Contains(r.ActivityId)))
        && (filter.ActivityNodeIds is not { Count: > 0 } nodes || (r.ActivityNodeId is not null && nodes.Contains(r.ActivityNodeId)))
        && (filter.EventNames is not { Count: > 0 } names || names.Contains(r.EventName))
        && (filter.ExcludedActivityTypes is not { Count: > 0 } excluded || !excluded.Contains(r.ActivityType ?? WorkflowActivityType));

    /// <summary>Elsa's rule: skip/take win over page/pageSize; body values win over query parameters.</summary>
    private static bool TryPaging(JournalRequest request, IQueryCollection query, out int skip, out int take, out string? problem)
    {
        skip = 0;
        take = DefaultPageSize;
        problem = null;
        int? Query(string name, out bool bad)
        {
            bad = false;
            var text = query[name].ToString();
            if (text.Length == 0)
                return null;
            if (int.TryParse(text, out var value) && value >= 0)
                return value;
            bad = true;
            return null;
        }
        var querySkip = Query("skip", out var badSkip);
        var queryTake = Query("take", out var badTake);
        var queryPage = Query("page", out var badPage);
        var queryPageSize = Query("pageSize", out var badPageSize);
        if (badSkip || badTake || badPage || badPageSize)
        {
            problem = "skip, take, page and pageSize must be non-negative integers.";
            return false;
        }
        // Studio pages with skip/take; the older page/pageSize form is still accepted.
        var requestedSkip = request.Skip ?? querySkip;
        var requestedTake = request.Take ?? queryTake;
        if (requestedSkip is not null || requestedTake is not null)
        {
            skip = Math.Max(0, requestedSkip ?? 0);
            take = Math.Clamp(requestedTake ?? DefaultPageSize, 1, MaxPageSize);
            return true;
        }
        take = Math.Clamp(request.PageSize ?? queryPageSize ?? DefaultPageSize, 1, MaxPageSize);
        skip = Math.Max(0, request.Page ?? queryPage ?? 0) * take;
        return true;
    }

    private sealed record JournalPage(IReadOnlyList<JournalRecordView> Items, long TotalCount, int Page, int PageSize);
}
