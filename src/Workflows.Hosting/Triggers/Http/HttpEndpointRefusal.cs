using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Authorization;

namespace Workflows.Hosting.Triggers.Http;

/// <summary>
/// A policy handler's own answer to a request it refuses (e.g. a webhook check: 401 bad signature, 409 replayed
/// delivery, 400 malformed payload, or 200 "ignored"). Handlers pass it to <c>context.Fail(refusal)</c>; the endpoint
/// then answers <see cref="StatusCode"/> with JSON <c>{error, message, ...Details}</c> and starts nothing. Without a
/// refusal a denied request gets the generic 401.
/// </summary>
public sealed class HttpEndpointRefusal(IAuthorizationHandler handler, int statusCode, string error, string message, JsonObject? details = null)
    : AuthorizationFailureReason(handler, message)
{
    public int StatusCode { get; } = statusCode;

    /// <summary>A short machine-readable name of the problem (e.g. <c>bad-signature</c>).</summary>
    public string Error { get; } = error;

    /// <summary>Extra fields of the JSON answer; they never replace <c>error</c> and <c>message</c>.</summary>
    public JsonObject? Details { get; } = details;
}
