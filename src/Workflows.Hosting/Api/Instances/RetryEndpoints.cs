using System.Text.Json;
using Workflows.Core.Definitions;
using Workflows.Hosting.Runtime;

namespace Workflows.Hosting.Api.Instances;

/// <summary>
/// <c>POST /alterations/workflows/retry {"workflowInstanceIds":[…]}</c>: re-schedules the incident activity of each
/// faulted instance and dispatches it; answers one result per id.
/// </summary>
public static class RetryEndpoints
{
    public static IEndpointRouteBuilder MapRetryEndpoints(this IEndpointRouteBuilder api)
    {
        api.MapPost("/alterations/workflows/retry", async (HttpRequest http, WorkflowRetrier retrier, CancellationToken ct) =>
        {
            RetryWorkflowsRequest? request;
            try { request = await JsonSerializer.DeserializeAsync<RetryWorkflowsRequest>(http.Body, WorkflowJson.Options, ct); }
            catch (JsonException e) { return ElsaJson.BadRequest($"The request body is not valid JSON: {e.Message}"); }
            if (request?.WorkflowInstanceIds is not { Count: > 0 } ids)
                return ElsaJson.BadRequest("workflowInstanceIds must list at least one instance id.");
            var results = new List<RetryResult>();
            foreach (var id in ids.Distinct())
                results.Add(await retrier.RetryAsync(id, ct));
            return ElsaJson.Ok(new { items = results });
        });
        return api;
    }
}
