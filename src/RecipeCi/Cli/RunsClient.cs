using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace RecipeCi.Cli;

/// <summary>Calls the server's run API for <c>recipeci runs</c>; failures become <see cref="RunsClientException"/> saying what to do.</summary>
public sealed class RunsClient : IDisposable
{
    private readonly HttpClient _http;
    private readonly Uri _server;

    /// <param name="http">A client of <see cref="CliHttpClients.RunsApi"/> (timeouts and retries are its handler's).</param>
    public RunsClient(RunsSettings settings, HttpClient http)
    {
        _server = settings.ServerUri;
        _http = http;
        _http.BaseAddress = new Uri(_server, "elsa/api/");
        if (settings.Key is { Length: > 0 } key)
            _http.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", "ApiKey " + key);
    }

    public Task<JsonNode> GetAsync(string path, CancellationToken cancellationToken) =>
        SendAsync(new HttpRequestMessage(HttpMethod.Get, path), cancellationToken);

    /// <summary>
    /// A run's page JSON (<c>/runs/{runId}.json</c>, opened by the API key), or null when the server knows no run by
    /// that id (it may be a workflow instance id instead).
    /// </summary>
    public Task<JsonNode?> FindRunAsync(string runId, CancellationToken cancellationToken) =>
        FindAsync($"runs/{Uri.EscapeDataString(runId)}.json", cancellationToken);

    /// <summary>The JSON at a path relative to the server's root, or null on 404.</summary>
    public async Task<JsonNode?> FindAsync(string path, CancellationToken cancellationToken) =>
        await GetTextOrNullAsync(path, cancellationToken) is { } text ? JsonNode.Parse(text) : null;

    /// <summary>A run's JUnit report XML (<c>/runs/{runId}.xml</c>), or null when it has none.</summary>
    public Task<string?> FindReportAsync(string runId, CancellationToken cancellationToken) =>
        GetTextOrNullAsync($"runs/{Uri.EscapeDataString(runId)}.xml", cancellationToken);

    private async Task<string?> GetTextOrNullAsync(string path, CancellationToken cancellationToken)
    {
        HttpResponseMessage response;
        try
        {
            // Run pages live beside the API, not under elsa/api/.
            response = await _http.GetAsync(new Uri(_server, path), cancellationToken);
        }
        catch (HttpRequestException e)
        {
            throw new RunsClientException($"Cannot reach {_server} ({e.Message}); is `recipeci serve` running there? Check --server.");
        }
        using (response)
        {
            var text = await response.Content.ReadAsStringAsync(cancellationToken);
            return response.StatusCode switch
            {
                HttpStatusCode.NotFound => null,
                _ when !response.IsSuccessStatusCode => throw new RunsClientException($"{_server} answered {(int)response.StatusCode} for /{path}: {text.Trim()}"),
                _ => text,
            };
        }
    }

    public Task<JsonNode> PostAsync(string path, object? body, CancellationToken cancellationToken) =>
        SendAsync(new HttpRequestMessage(HttpMethod.Post, path) { Content = body is null ? null : JsonContent.Create(body) }, cancellationToken);

    private async Task<JsonNode> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        HttpResponseMessage response;
        try
        {
            response = await _http.SendAsync(request, cancellationToken);
        }
        catch (HttpRequestException e)
        {
            throw new RunsClientException($"Cannot reach {_server} ({e.Message}); is `recipeci serve` running there? Check --server.");
        }
        using (response)
        {
            var text = await response.Content.ReadAsStringAsync(cancellationToken);
            JsonNode? body = null;
            try { body = string.IsNullOrWhiteSpace(text) ? null : JsonNode.Parse(text); }
            catch (System.Text.Json.JsonException) { }
            return response.StatusCode switch
            {
                HttpStatusCode.Unauthorized => throw new RunsClientException($"{_server} refused the API key (401); check --api-key (the server's Ci:ApiKey)."),
                HttpStatusCode.NotFound => throw new RunsClientException(body?["message"]?.GetValue<string>() ?? $"Not found at {_server}; check the instance id and --server."),
                _ when !response.IsSuccessStatusCode => throw new RunsClientException(
                    $"{_server} answered {(int)response.StatusCode}: {body?["message"]?.GetValue<string>() ?? text}"),
                _ => body ?? new JsonObject(),
            };
        }
    }

    public void Dispose() => _http.Dispose();
}

/// <summary>A run API call that failed; the message tells the operator what to do.</summary>
public sealed class RunsClientException(string message) : Exception(message);
