using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.Retry;

namespace Recipes.Ci.Tenants;

/// <summary>
/// The few Keycloak Admin REST API calls recipeci needs: brief realm list, get, create by import, delete.
/// Transient failures (5xx such as MariaDB lock wait timeouts, 408, 429, connection errors) are retried with
/// exponential backoff; a 401 fetches a new token and tries once more. A duplicate realm is reported by
/// Keycloak as 409 <c>{"errorMessage":"Realm X already exists"}</c>, or (26.2.4, keycloak#39753) as 400 with the
/// same message: both mean "exists".
/// </summary>
public sealed class KeycloakAdminClient
{
    private readonly HttpClient _http;
    private readonly KeycloakConnection _connection;
    private readonly KeycloakTokenSource _tokens;
    private readonly ResiliencePipeline<HttpResponseMessage> _retry;

    public KeycloakAdminClient(HttpClient http, KeycloakConnection connection, KeycloakTokenSource tokens, RetryOptions retry, ILogger<KeycloakAdminClient> logger)
    {
        _http = http;
        _connection = connection;
        _tokens = tokens;
        _retry = new ResiliencePipelineBuilder<HttpResponseMessage>()
            .AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                ShouldHandle = new PredicateBuilder<HttpResponseMessage>()
                    .Handle<HttpRequestException>()
                    .Handle<KeycloakException>(e => e.IsTransient)
                    .HandleResult(r => IsTransient(r.StatusCode)),
                MaxRetryAttempts = retry.MaxRetries,
                Delay = retry.BaseDelay,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                OnRetry = args =>
                {
                    logger.LogWarning("Keycloak call failed ({Outcome}); retry {Attempt} in {Delay}",
                        args.Outcome.Result is { } r ? $"{(int)r.StatusCode}" : args.Outcome.Exception?.Message, args.AttemptNumber + 1, args.RetryDelay);
                    args.Outcome.Result?.Dispose();
                    return ValueTask.CompletedTask;
                },
            })
            .Build();
    }

    /// <summary>Realm names, from <c>GET /admin/realms?briefRepresentation=true</c> (cheap even with many realms).</summary>
    public async Task<IReadOnlyList<string>> ListRealmNamesAsync(CancellationToken cancellationToken)
    {
        using var response = await SendAsync(() => new HttpRequestMessage(HttpMethod.Get, _connection.Endpoint("admin/realms?briefRepresentation=true")), cancellationToken);
        await EnsureSuccessAsync(response, "realm list", cancellationToken);
        var realms = await response.Content.ReadFromJsonAsync<JsonArray>(cancellationToken) ?? [];
        return realms.Select(r => (string?)r?["realm"]).OfType<string>().ToList();
    }

    /// <summary>The full realm representation, or null when there is no such realm.</summary>
    public async Task<JsonObject?> GetRealmAsync(string realm, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(() => new HttpRequestMessage(HttpMethod.Get, RealmUri(realm)), cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotFound) return null;
        await EnsureSuccessAsync(response, $"get realm {realm}", cancellationToken);
        return await response.Content.ReadFromJsonAsync<JsonObject>(cancellationToken);
    }

    /// <summary>Creates a realm by import (<c>POST /admin/realms</c>); true when created, false when it already existed.</summary>
    public async Task<bool> ImportRealmAsync(JsonObject representation, CancellationToken cancellationToken)
    {
        var body = representation.ToJsonString();
        using var response = await SendAsync(() => new HttpRequestMessage(HttpMethod.Post, _connection.Endpoint("admin/realms"))
        {
            Content = new StringContent(body, new MediaTypeHeaderValue("application/json")),
        }, cancellationToken);
        if (response.StatusCode == HttpStatusCode.Created) return true;
        var message = await KeycloakErrorBody.ReadAsync(response, cancellationToken);
        if (response.StatusCode == HttpStatusCode.Conflict ||
            (response.StatusCode == HttpStatusCode.BadRequest && message?.Contains("already exists", StringComparison.OrdinalIgnoreCase) == true))
            return false;
        throw new KeycloakException(response.StatusCode, $"create realm {(string?)representation["realm"]}", message);
    }

    /// <summary>Deletes a realm; true when deleted, false when it was already gone (404).</summary>
    public async Task<bool> DeleteRealmAsync(string realm, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(() => new HttpRequestMessage(HttpMethod.Delete, RealmUri(realm)), cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotFound) return false;
        await EnsureSuccessAsync(response, $"delete realm {realm}", cancellationToken);
        return true;
    }

    private Uri RealmUri(string realm) => _connection.Endpoint("admin/realms/" + Uri.EscapeDataString(realm));

    private async Task<HttpResponseMessage> SendAsync(Func<HttpRequestMessage> request, CancellationToken cancellationToken) =>
        await _retry.ExecuteAsync(async token =>
        {
            var response = await SendWithTokenAsync(request, token);
            if (response.StatusCode != HttpStatusCode.Unauthorized) return response;
            // The token was revoked or expired early (clock skew, server restart): one more try with a new one.
            response.Dispose();
            return await SendWithTokenAsync(request, token);
        }, cancellationToken);

    private async Task<HttpResponseMessage> SendWithTokenAsync(Func<HttpRequestMessage> create, CancellationToken cancellationToken)
    {
        var token = await _tokens.GetAsync(cancellationToken);
        using var request = create();
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var response = await _http.SendAsync(request, cancellationToken);
        if (response.StatusCode == HttpStatusCode.Unauthorized) _tokens.Invalidate(token);
        return response;
    }

    private static bool IsTransient(HttpStatusCode status) =>
        (int)status >= 500 || status is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests;

    private static async Task EnsureSuccessAsync(HttpResponseMessage response, string operation, CancellationToken cancellationToken)
    {
        if (!response.IsSuccessStatusCode) throw new KeycloakException(response.StatusCode, operation, await KeycloakErrorBody.ReadAsync(response, cancellationToken));
    }
}
