using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using RecipeCi.Tests.Webhooks;
using TestKit;

namespace RecipeCi.Tests.Packaging;

/// <summary>
/// A real <c>recipeci serve</c> process with JSON logs, the repository's ci, quick, cold and promote-on-green flows and
/// a webhook secret: what an operator runs. Start it again on the same data (<see cref="Restart"/>) to act out a crash.
/// </summary>
public sealed class CiServer : IAsyncDisposable
{
    public const string ApiKey = "ci-server-test-key-0123456789";
    private IReadOnlyList<string> _args;
    private readonly IDictionary<string, string> _environment;

    private CiServer(string url, IReadOnlyList<string> args, IDictionary<string, string> environment)
    {
        Url = url;
        _args = args;
        _environment = environment;
        Http = new HttpClient { BaseAddress = new Uri(url + "/"), Timeout = TimeSpan.FromSeconds(60) };
        Http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("ApiKey", ApiKey);
    }

    public string Url { get; }
    public HttpClient Http { get; }
    public RecipeCiProcess Process { get; private set; } = null!;

    /// <summary>Starts a server on <paramref name="dataDir"/> and waits until the ci flow is imported.</summary>
    public static async Task<CiServer> StartAsync(string dataDir, string recipesRoot, IDictionary<string, string>? environment = null,
        params string[] extraArgs)
    {
        var workflows = Directory.CreateDirectory(Path.Combine(dataDir, "..", "flows")).FullName;
        RepositoryFlows.CopyCiFlowsTo(workflows);
        var url = $"http://127.0.0.1:{FreePort.Next()}";
        var server = new CiServer(url,
        [
            "serve", "--urls", url, "--log-format", "json", "--DataDir", dataDir, "--Workflows:Folder", workflows,
            "--Recipes:Root", recipesRoot, "--Ci:ApiKey", ApiKey, "--Ci:WebhookSecret", WebhookServer.Secret, .. extraArgs,
        ], environment ?? new Dictionary<string, string>());
        await server.StartProcessAsync();
        return server;
    }

    /// <summary>
    /// Kills the process (no shutdown code runs, like a crash) and starts a new one on the same data, with
    /// <paramref name="extraArgs"/> added (a later flag wins over an earlier one).
    /// </summary>
    public async Task RestartAfterCrashAsync(params string[] extraArgs)
    {
        _args = [.. _args, .. extraArgs];
        Process.Kill();
        await Process.WaitForExitAsync(CancellationToken.None);
        await Process.DisposeAsync();
        await StartProcessAsync();
    }

    private async Task StartProcessAsync()
    {
        Process = RecipeCiProcess.Start(_args, _environment);
        await Eventually.UntilAsync<bool, HttpRequestException>(async () =>
        {
            if (Process.HasExited)
                throw new InvalidOperationException($"recipeci serve exited at start:\n{Process.Output}");
            using var response = await Http.GetAsync("elsa/api/workflow-definitions/by-definition-id/ci?versionOptions=Published");
            return response.IsSuccessStatusCode;
        }, ok => ok, TimeSpan.FromSeconds(120), () => $"recipeci serve did not import the ci flow:\n{Process.Output}", TimeSpan.FromMilliseconds(250));
    }

    /// <summary>Posts a signed generic webhook delivery; returns the 202 answer (runId, instanceId, mode).</summary>
    public async Task<JsonObject> TriggerAsync(string recipe, string gitRef, string mode)
    {
        var body = WebhookRequests.Generic(recipe, gitRef, 1, mode);
        using var request = new HttpRequestMessage(HttpMethod.Post, "workflows/ci") { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        foreach (var (name, value) in WebhookRequests.SignedGeneric(body))
            request.Headers.TryAddWithoutValidation(name, value);
        using var response = await Http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True((int)response.StatusCode == 202, $"webhook answered {(int)response.StatusCode}: {text}\n{Process.Output}");
        return JsonNode.Parse(text)!.AsObject();
    }

    /// <summary>Waits until the instance is Finished and returns its sub-status.</summary>
    public async Task<string> WaitFinishedAsync(string instanceId, TimeSpan timeout)
    {
        var finished = await Eventually.UntilAsync(async () =>
            {
                using var response = await Http.GetAsync($"elsa/api/workflow-instances/{instanceId}");
                return response.IsSuccessStatusCode ? JsonNode.Parse(await response.Content.ReadAsStringAsync()) : null;
            }, instance => instance?["status"]?.GetValue<string>() == "Finished", timeout,
            instance => $"instance {instanceId} did not finish: {instance?.ToJsonString() ?? "not found"}\n{Process.Output}", TimeSpan.FromMilliseconds(500));
        return finished!["subStatus"]!.GetValue<string>();
    }

    /// <summary>The instance and its journal as the run API gives them, to say why a run did not end as expected.</summary>
    public async Task<string> DescribeAsync(string instanceId)
    {
        var instance = await Http.GetStringAsync($"elsa/api/workflow-instances/{instanceId}");
        var journal = await Http.GetStringAsync($"elsa/api/workflow-instances/{instanceId}/journal");
        // Its faulted children say why it faulted.
        var faulted = new List<string>();
        var list = JsonNode.Parse(await Http.GetStringAsync("elsa/api/workflow-instances?subStatus=Faulted&pageSize=50"))!;
        foreach (var item in list["items"]?.AsArray() ?? [])
            if (item?["id"]?.GetValue<string>() is { } id && id != instanceId)
                faulted.Add(await Http.GetStringAsync($"elsa/api/workflow-instances/{id}"));
        return $"instance: {instance}\njournal: {journal}\nother faulted instances: {string.Join("\n", faulted)}";
    }

    /// <summary>The Prometheus text of <c>GET /metrics</c>, split into sample lines (comments dropped).</summary>
    public async Task<IReadOnlyList<string>> ScrapeAsync()
    {
        using var scrape = await Http.GetAsync("metrics");
        Assert.True(scrape.IsSuccessStatusCode, $"/metrics answered {(int)scrape.StatusCode}");
        Assert.StartsWith("text/plain", scrape.Content.Headers.ContentType?.MediaType);
        return (await scrape.Content.ReadAsStringAsync()).Split('\n').Where(l => l.Length > 0 && l[0] != '#').ToList();
    }

    /// <summary>Scrapes until <paramref name="ready"/> holds (gauges are sampled in the background); returns that scrape.</summary>
    public Task<IReadOnlyList<string>> ScrapeUntilAsync(Func<IReadOnlyList<string>, bool> ready, TimeSpan timeout, string what) =>
        Eventually.UntilAsync(ScrapeAsync, ready, timeout,
            lines => $"/metrics never showed {what}:\n{string.Join('\n', lines)}\n{Process.Output}", TimeSpan.FromMilliseconds(500));

    /// <summary>Every compact-JSON log event the server printed so far.</summary>
    public IReadOnlyList<JsonObject> LogEvents() =>
        Process.Output.Split('\n').Where(l => l.StartsWith("{\"@t\"", StringComparison.Ordinal))
            .Select(l => JsonNode.Parse(l) as JsonObject).OfType<JsonObject>().ToList();

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        if (Process is not null)
            await Process.DisposeAsync();
    }
}
