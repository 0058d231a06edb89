using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;
using Workflows.Core.Persistence;
using Workflows.Hosting.Runtime;
using Workflows.Hosting.Security;

namespace Workflows.Hosting.Triggers.Http;

/// <summary>
/// Serves <c>/workflows/{path}</c>: matches a published HttpEndpoint, enforces its size limit and authorization
/// (nothing is created for a refused request), starts the workflow in this process under the runtime's lease and
/// lock, and answers with what WriteHttpResponse wrote, once the run has committed it.
/// </summary>
public sealed class HttpWorkflowRequestHandler(
    HttpEndpointCatalog catalog,
    HttpEndpointSettingsReader settingsReader,
    HttpEndpointAuthorizer authorizer,
    IWorkflowStarter starter,
    HttpResponseSinkRouter responses,
    HttpTriggerOptions options,
    ILogger<HttpWorkflowRequestHandler> logger)
{
    public const string InstanceIdHeader = "x-workflow-instance-id";

    public async Task HandleAsync(HttpContext context, string? path)
    {
        var request = context.Request;
        var aborted = context.RequestAborted;
        var match = await catalog.MatchAsync(path ?? string.Empty, request.Method, aborted);
        if (!match.PathMatched)
        {
            await ErrorAsync(context, StatusCodes.Status404NotFound, "not-found", $"No workflow HTTP endpoint at '{request.Path}'.");
            return;
        }
        if (match.Route is not { } route)
        {
            context.Response.Headers.Allow = string.Join(", ", match.AllowedMethods.Order(StringComparer.Ordinal));
            await ErrorAsync(context, StatusCodes.Status405MethodNotAllowed, "method-not-allowed",
                $"'{request.Path}' does not accept {request.Method}; it accepts {context.Response.Headers.Allow}.");
            return;
        }

        var settings = await settingsReader.ReadAsync(route, aborted);
        var limit = Math.Min(options.MaxRequestBytes, settings.RequestSizeLimit ?? long.MaxValue);
        var body = await HttpRequestBodyReader.ReadAsync(request, limit, aborted);
        if (body.TooLarge)
        {
            await ErrorAsync(context, StatusCodes.Status413PayloadTooLarge, "request-too-large",
                $"The request body is larger than this endpoint's limit of {limit} bytes.");
            return;
        }

        var resource = new HttpEndpointRequest(route.DefinitionId, route.DefinitionVersionId, route.ActivityId, route.Path, context, body.Bytes);
        var authorization = await authorizer.AuthorizeAsync(settings, resource);
        if (authorization.MissingPolicy is { } missing)
        {
            logger.LogError("HTTP endpoint {Path} of workflow {DefinitionId} names authorization policy {Policy}, which is not registered",
                route.Path, route.DefinitionId, missing);
            await ErrorAsync(context, StatusCodes.Status500InternalServerError, "unknown-policy",
                $"The endpoint names authorization policy '{missing}', which this server does not have.");
            return;
        }
        if (authorization.Refusal is { } refusal)
        {
            await RefuseAsync(context, refusal);
            return;
        }
        if (!authorization.Succeeded)
        {
            await ErrorAsync(context, StatusCodes.Status401Unauthorized, "unauthorized", "The request is not authorized for this endpoint.");
            return;
        }

        System.Text.Json.Nodes.JsonObject input;
        try
        {
            input = HttpWorkflowInput.Build(request, match.Values ?? new RouteValueDictionary(), body.Bytes);
        }
        catch (JsonException e)
        {
            await ErrorAsync(context, StatusCodes.Status400BadRequest, "invalid-json", $"The request body is not valid JSON: {e.Message}");
            return;
        }

        await RunAsync(context, route, input);
    }

    private async Task RunAsync(HttpContext context, HttpEndpointRoute route, System.Text.Json.Nodes.JsonObject input)
    {
        var instanceId = Guid.NewGuid().ToString("N");
        using var registration = responses.Register(instanceId);
        // Not the request's token: a caller hanging up must not cancel a workflow that was already committed.
        var instance = await starter.RunInlineAsync(new WorkflowStartRequest
        {
            DefinitionVersionId = route.DefinitionVersionId,
            TriggerActivityId = route.ActivityId,
            InstanceId = instanceId,
            Input = input,
        }, CancellationToken.None);

        // The run has returned, so every step it took (the WriteHttpResponse step included) is committed.
        context.Response.Headers[InstanceIdHeader] = instance.Id;
        if (registration.Pending.Response is { } captured)
            await HttpResponseWriter.WriteAsync(context.Response, captured, context.RequestAborted);
        else if (instance.SubStatus == WorkflowSubStatus.Faulted)
            await ErrorAsync(context, StatusCodes.Status500InternalServerError, "workflow-faulted",
                $"Workflow instance {instance.Id} faulted before writing a response.");
        else
            await JsonSerializer.SerializeAsync(context.Response.Body,
                new { workflowInstanceId = instance.Id, status = instance.Status.ToString(), subStatus = instance.SubStatus.ToString() },
                cancellationToken: context.RequestAborted);
    }

    private static async Task RefuseAsync(HttpContext context, HttpEndpointRefusal refusal)
    {
        var body = refusal.Details?.DeepClone().AsObject() ?? [];
        body["error"] = refusal.Error;
        body["message"] = refusal.Message;
        context.Response.StatusCode = refusal.StatusCode;
        context.Response.ContentType = "application/json; charset=utf-8";
        await context.Response.WriteAsync(body.ToJsonString(), context.RequestAborted);
    }

    private static Task ErrorAsync(HttpContext context, int status, string error, string message) =>
        SecurityResponses.WriteJsonAsync(context, status, error, message);
}
