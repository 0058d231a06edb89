using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Workflows.Core.Definitions;

namespace Workflows.Hosting.Triggers.Http;

/// <summary>
/// The workflow input of an HTTP-started instance: <c>method</c>, <c>path</c>, <c>routeData</c>,
/// <c>queryStringData</c>, <c>headers</c> (names lower-case) and <c>body</c> (parsed JSON for JSON content types, else
/// text), credentials removed (<see cref="CredentialHeaders"/>) — the names of Elsa's HttpEndpoint outputs, and <c>body</c> as the engine's HttpEndpoint reads it on resume.
/// Expressions read them with <c>getInput("routeData")</c> and friends.
/// </summary>
public static class HttpWorkflowInput
{
    /// <summary>
    /// Credentials never become workflow input: the input is stored with the instance and shown by the API, so an
    /// API key, a session cookie or a webhook signature sent to an endpoint would otherwise rest in the database.
    /// Authorization policies see the live request before this, so they still check them.
    /// </summary>
    public static readonly IReadOnlySet<string> CredentialHeaders = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        "Authorization", "Proxy-Authorization", "Cookie", "X-Api-Key",
        "X-Signature-256", "X-Hub-Signature-256", "X-Hub-Signature", "X-Gitea-Signature", "X-Gogs-Signature", "X-Forgejo-Signature",
    };

    /// <summary>Builds the input; throws <see cref="JsonException"/> when a JSON content type carries invalid JSON.</summary>
    public static JsonObject Build(HttpRequest request, RouteValueDictionary routeValues, ReadOnlyMemory<byte> body)
    {
        var route = new JsonObject();
        foreach (var (name, value) in routeValues)
            route[name] = value?.ToString();

        var query = new JsonObject();
        foreach (var (name, values) in request.Query)
            query[name] = values.Count == 1 ? values[0] : new JsonArray(values.Select(v => (JsonNode?)v).ToArray());

        var headers = new JsonObject();
        foreach (var (name, values) in request.Headers)
        {
            if (!CredentialHeaders.Contains(name))
                headers[name.ToLowerInvariant()] = values.ToString();
        }

        return new JsonObject
        {
            ["method"] = request.Method,
            ["path"] = request.Path.Value,
            ["routeData"] = route,
            ["queryStringData"] = query,
            ["headers"] = headers,
            ["body"] = ParseBody(request.ContentType, body),
        };
    }

    private static JsonNode? ParseBody(string? contentType, ReadOnlyMemory<byte> body)
    {
        if (body.IsEmpty)
            return null;
        if (IsJson(contentType))
            return StrictJson.Parse(body.Span);
        return Encoding.UTF8.GetString(body.Span);
    }

    private static bool IsJson(string? contentType) =>
        contentType is not null
        && (contentType.StartsWith("application/json", StringComparison.OrdinalIgnoreCase)
            || contentType.Contains("+json", StringComparison.OrdinalIgnoreCase));
}
