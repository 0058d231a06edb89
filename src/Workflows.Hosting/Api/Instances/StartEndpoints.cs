using System.Text.Json;
using System.Text.Json.Nodes;
using Workflows.Core.Definitions;
using Workflows.Core.Persistence;
using Workflows.Hosting.Api.Definitions;
using Workflows.Hosting.Runtime;

namespace Workflows.Hosting.Api.Instances;

/// <summary>
/// <c>POST /workflow-definitions/{definitionId}/dispatch</c> (commit, then run on any node) and
/// <c>GET|POST /workflow-definitions/{definitionId}/execute</c> (commit, then run here until it finishes or suspends).
/// </summary>
public static class StartEndpoints
{
    public const string InstanceIdHeader = "x-elsa-workflow-instance-id";
    public const string CannotStartHeader = "x-elsa-workflow-cannot-start";

    public static IEndpointRouteBuilder MapStartEndpoints(this IEndpointRouteBuilder api)
    {
        api.MapPost("/workflow-definitions/{definitionId}/dispatch", async (string definitionId, HttpRequest http, IWorkflowStarter starter, CancellationToken ct) =>
        {
            var (request, problem) = await ReadAsync(http, definitionId, ct);
            if (problem is not null)
                return problem;
            try
            {
                var id = await starter.StartAsync(request!, ct);
                return ElsaJson.Ok(new DispatchWorkflowResponse(id));
            }
            catch (WorkflowDefinitionNotFoundException e)
            {
                return ElsaJson.NotFound(e.Message);
            }
            catch (WorkflowInstanceExistsException e)
            {
                return ElsaJson.Error(StatusCodes.Status409Conflict, "conflict", e.Message);
            }
        });

        api.MapMethods("/workflow-definitions/{definitionId}/execute", ["GET", "POST"], async (string definitionId, HttpRequest http, HttpResponse response, IWorkflowStarter starter, CancellationToken ct) =>
        {
            var (request, problem) = await ReadAsync(http, definitionId, ct);
            if (problem is not null)
                return problem;
            WorkflowInstanceRecord instance;
            try
            {
                // The caller disconnecting must not cancel the workflow: it runs on, durable, like a dispatched one.
                instance = await starter.RunInlineAsync(request!, CancellationToken.None);
            }
            catch (WorkflowDefinitionNotFoundException e)
            {
                response.Headers[CannotStartHeader] = "true";
                return ElsaJson.NotFound(e.Message);
            }
            catch (WorkflowInstanceExistsException e)
            {
                return ElsaJson.Error(StatusCodes.Status409Conflict, "conflict", e.Message);
            }
            response.Headers[InstanceIdHeader] = instance.Id;
            var body = new ExecuteWorkflowResponse(InstanceViews.ToState(instance));
            // As Elsa: a faulted run answers 500 with the state.
            return instance.SubStatus == WorkflowSubStatus.Faulted ? ElsaJson.Status(body, StatusCodes.Status500InternalServerError) : ElsaJson.Ok(body);
        });
        return api;
    }

    private static async Task<(WorkflowStartRequest? Request, IResult? Problem)> ReadAsync(HttpRequest http, string definitionId, CancellationToken ct)
    {
        StartWorkflowRequest body;
        if (HttpMethods.IsGet(http.Method) || http.ContentLength == 0)
        {
            JsonObject? input = null;
            if (http.Query["input"].ToString() is { Length: > 0 } inputText)
            {
                try { input = WorkflowJson.Parse(inputText) as JsonObject; }
                catch (JsonException) { return (null, ElsaJson.BadRequest("Query parameter 'input' must be a JSON object.")); }
            }
            body = new StartWorkflowRequest(null, http.Query["correlationId"], http.Query["triggerActivityId"], http.Query["versionOptions"], input);
        }
        else
        {
            try
            {
                body = await JsonSerializer.DeserializeAsync<StartWorkflowRequest>(http.Body, WorkflowJson.Options, ct)
                       ?? new StartWorkflowRequest(null, null, null, null, null);
            }
            catch (JsonException e)
            {
                return (null, ElsaJson.BadRequest($"The request body is not valid JSON for this endpoint: {e.Message}"));
            }
        }
        if (!VersionOptions.TryParse(body.VersionOptions, new VersionOptions(VersionOptionsKind.Published), out var version))
            return (null, ElsaJson.BadRequest($"versionOptions '{body.VersionOptions}' is not allowed; use Published, Latest, LatestOrPublished or a version number."));
        if (body.InstanceId is { } requestedId && (requestedId.Length > 64 || requestedId.Any(c => !char.IsAsciiLetterOrDigit(c) && c is not '-' and not '_')))
            return (null, ElsaJson.BadRequest("instanceId may have at most 64 letters, digits, '-' and '_'."));
        return (new WorkflowStartRequest
        {
            DefinitionId = definitionId,
            Version = version.ToSelector(),
            Input = body.Input ?? [],
            CorrelationId = body.CorrelationId,
            TriggerActivityId = body.TriggerActivityId,
            InstanceId = body.InstanceId,
        }, null);
    }
}
