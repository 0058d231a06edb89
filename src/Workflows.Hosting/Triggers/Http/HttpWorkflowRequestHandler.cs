using System.Text.Json;
using Workflows.Core.Activities.BuiltIn;
using Workflows.Core.Persistence;
using Workflows.Hosting.Stimuli;
using Workflows.Hosting.Runtime;
using Workflows.Hosting.Security;

namespace Workflows.Hosting.Triggers.Http;

/// <summary>
/// Serves <c>/workflows/{path}</c>: matches a published HttpEndpoint trigger, or a mid-flow HttpEndpoint an instance
/// waits at (header <c>x-workflow-instance-id</c> names the instance; without it, the oldest waiting one), enforces
/// its size limit and authorization (nothing is created for a refused request), starts or resumes the workflow in
/// this process under the runtime's lease and lock, and answers with what WriteHttpResponse wrote, once the run has
/// committed it.
/// </summary>
public sealed class HttpWorkflowRequestHandler(
    HttpEndpointCatalog catalog,
    HttpEndpointSettingsReader settingsReader,
    HttpEndpointAuthorizer authorizer,
    IWorkflowStarter starter,
    HttpResponseSinkRouter responses,
    HttpBookmarkFinder bookmarkFinder,
    StimulusSender stimuli,
    InstanceRunner runner,
    HttpTriggerOptions options,
    ILogger<HttpWorkflowRequestHandler> logger)
{
    public const string InstanceIdHeader = "x-workflow-instance-id";

    /// <summary>Narrows a mid-flow resumption to the instances with this correlation id.</summary>
    public const string CorrelationIdHeader = "x-workflow-correlation-id";

    /// <summary>
    /// Handles the request; whatever fails underneath (database or broker down, a bug), the caller gets the
    /// documented JSON error body, never an empty 500.
    /// </summary>
    public async Task HandleAsync(HttpContext context, string? path)
    {
        try
        {
            await HandleRequestAsync(context, path);
        }
        catch (Exception e) when (!context.RequestAborted.IsCancellationRequested)
        {
            var unavailable = e is System.Data.Common.DbException or TimeoutException or IOException or System.Net.Sockets.SocketException
                || e.GetBaseException() is System.Data.Common.DbException or TimeoutException or System.Net.Sockets.SocketException;
            logger.LogError(e, "Workflow HTTP endpoint {Path} failed", context.Request.Path);
            await ErrorAsync(context,
                unavailable ? StatusCodes.Status503ServiceUnavailable : StatusCodes.Status500InternalServerError,
                unavailable ? "unavailable" : "internal-error",
                unavailable
                    ? $"The server could not handle the request now ({e.GetBaseException().Message}); try again later. A webhook retried with the same delivery id never starts a second run."
                    : $"The server failed to handle the request ({e.GetBaseException().Message}); see its log.");
        }
    }

    private async Task HandleRequestAsync(HttpContext context, string? path)
    {
        var request = context.Request;
        var aborted = context.RequestAborted;
        path ??= string.Empty;

        // A request naming an instance resumes that instance's endpoint (queued if it has not got there yet).
        var instanceId = HeaderValue(request, InstanceIdHeader);
        if (instanceId is not null)
        {
            var lookup = await bookmarkFinder.FindAsync(path, request.Method, instanceId, HeaderValue(request, CorrelationIdHeader), aborted);
            if (lookup.Target is { } target)
                await ResumeAsync(context, target);
            else
                await ErrorAsync(context, StatusCodes.Status404NotFound, "no-waiting-endpoint", lookup.Problem ?? $"Nothing waits at '{request.Path}'.");
            return;
        }

        var match = await catalog.MatchAsync(path, request.Method, aborted);
        if (match.Route is not { } route)
        {
            // No trigger starts here: a workflow waiting mid-flow at this path and method is resumed instead.
            var waiting = await bookmarkFinder.FindAsync(path, request.Method, null, HeaderValue(request, CorrelationIdHeader), aborted);
            if (waiting.Target is { } target)
            {
                await ResumeAsync(context, target);
                return;
            }
        }
        if (!match.PathMatched)
        {
            await ErrorAsync(context, StatusCodes.Status404NotFound, "not-found", $"No workflow HTTP endpoint at '{request.Path}'.");
            return;
        }
        if (match.Route is null)
        {
            context.Response.Headers.Allow = string.Join(", ", match.AllowedMethods.Order(StringComparer.Ordinal));
            await ErrorAsync(context, StatusCodes.Status405MethodNotAllowed, "method-not-allowed",
                $"'{request.Path}' does not accept {request.Method}; it accepts {context.Response.Headers.Allow}.");
            return;
        }

        var input = await AdmitAsync(context, match.Route.DefinitionId, match.Route.DefinitionVersionId, match.Route.ActivityId, match.Route.Path,
            match.Values ?? new RouteValueDictionary());
        if (input is not null)
            await RunAsync(context, match.Route, input);
    }

    /// <summary>
    /// Size limit, authorization and input of a request for an endpoint; null when the request was refused (the
    /// refusal is written, nothing is created).
    /// </summary>
    private async Task<System.Text.Json.Nodes.JsonObject?> AdmitAsync(HttpContext context, string definitionId, string definitionVersionId,
        string activityId, string path, RouteValueDictionary routeValues)
    {
        var request = context.Request;
        var aborted = context.RequestAborted;
        var settings = await settingsReader.ReadAsync(definitionVersionId, activityId, aborted);
        var limit = Math.Min(options.MaxRequestBytes, settings.RequestSizeLimit ?? long.MaxValue);
        var body = await HttpRequestBodyReader.ReadAsync(request, limit, aborted);
        if (body.TooLarge)
        {
            await ErrorAsync(context, StatusCodes.Status413PayloadTooLarge, "request-too-large",
                $"The request body is larger than this endpoint's limit of {limit} bytes.");
            return null;
        }

        var resource = new HttpEndpointRequest(definitionId, definitionVersionId, activityId, path, context, body.Bytes);
        var authorization = await authorizer.AuthorizeAsync(settings, resource);
        if (authorization.MissingPolicy is { } missing)
        {
            logger.LogError("HTTP endpoint {Path} of workflow {DefinitionId} names authorization policy {Policy}, which is not registered",
                path, definitionId, missing);
            await ErrorAsync(context, StatusCodes.Status500InternalServerError, "unknown-policy",
                $"The endpoint names authorization policy '{missing}', which this server does not have.");
            return null;
        }
        if (authorization.Refusal is { } refusal)
        {
            await RefuseAsync(context, refusal);
            return null;
        }
        if (!authorization.Succeeded)
        {
            await ErrorAsync(context, StatusCodes.Status401Unauthorized, "unauthorized", "The request is not authorized for this endpoint.");
            return null;
        }

        try
        {
            return HttpWorkflowInput.Build(request, routeValues, body.Bytes);
        }
        catch (JsonException e)
        {
            await ErrorAsync(context, StatusCodes.Status400BadRequest, "invalid-json", $"The request body is not valid JSON: {e.Message}");
            return null;
        }
    }

    /// <summary>
    /// Resumes a mid-flow endpoint with the request. The request is stored as a stimulus first, so it is never lost:
    /// with the bookmark committed it is resumed here and answered from the workflow (WriteHttpResponse, sent after the
    /// step is committed); otherwise, or when another worker holds the instance, it stays queued and 202 says so.
    /// </summary>
    private async Task ResumeAsync(HttpContext context, HttpBookmarkTarget target)
    {
        var input = await AdmitAsync(context, target.DefinitionId, target.DefinitionVersionId, target.ActivityId, target.Path, new RouteValueDictionary());
        if (input is null)
            return;
        var stimulus = await stimuli.StoreAsync(new StimulusRequest
        {
            BookmarkName = HttpEndpoint.BookmarkName,
            BookmarkHash = HttpBookmarkFinder.Hash(target.Path, context.Request.Method),
            WorkflowInstanceId = target.WorkflowInstanceId,
            Input = input,
        }, CancellationToken.None);
        context.Response.Headers[InstanceIdHeader] = target.WorkflowInstanceId;

        if (target.BookmarkId is { } bookmarkId && responses.TryRegister(target.WorkflowInstanceId) is { } registration)
        {
            using (registration)
            {
                // Not the request's token: a caller hanging up must not cancel the resumed workflow.
                var outcome = await runner.ResumeAsync(target.WorkflowInstanceId, bookmarkId, input, CancellationToken.None, stimulus.Id);
                if (outcome is { Kind: RunOutcomeKind.Ran, Instance: { } instance })
                {
                    await AnswerAsync(context, instance, registration.Pending);
                    return;
                }
                logger.LogInformation("HTTP resumption of workflow instance {WorkflowInstanceId} left queued as stimulus {StimulusId}: {Reason}",
                    target.WorkflowInstanceId, stimulus.Id, outcome.Reason);
            }
        }
        context.Response.StatusCode = StatusCodes.Status202Accepted;
        await context.Response.WriteAsJsonAsync(
            new { stimulusId = stimulus.Id, workflowInstanceId = target.WorkflowInstanceId, queued = true }, context.RequestAborted);
    }

    private static string? HeaderValue(HttpRequest request, string name) =>
        request.Headers.TryGetValue(name, out var values) && values.ToString() is { Length: > 0 } value ? value.Trim() : null;

    private async Task RunAsync(HttpContext context, HttpEndpointRoute route, System.Text.Json.Nodes.JsonObject input)
    {
        var instanceId = Guid.NewGuid().ToString("N");
        using var registration = responses.Register(instanceId);
        // Not the request's token: a caller hanging up must not cancel a workflow that was already committed.
        var instance = await starter.RunInlineAsync(new WorkflowStartRequest
        {
            DefinitionVersionId = route.DefinitionVersionId,
            TriggerActivityId = route.ActivityId,
            VersionFromTrigger = true,
            InstanceId = instanceId,
            Input = input,
        }, CancellationToken.None);

        await AnswerAsync(context, instance, registration.Pending);
    }

    /// <summary>The run has returned, so every step it took (the WriteHttpResponse step included) is committed.</summary>
    private static async Task AnswerAsync(HttpContext context, WorkflowInstanceRecord instance, PendingHttpResponse pending)
    {
        context.Response.Headers[InstanceIdHeader] = instance.Id;
        if (pending.Response is { } captured)
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
