using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using TestKit;

namespace Workflows.Hosting.Tests.Server;

/// <summary>
/// One real <c>recipeci serve</c> process of a test cluster: its port, node id and API client. Killed with
/// <see cref="Kill"/> (<c>kill -9</c>) or on dispose.
/// </summary>
public sealed class ServerNode : IAsyncDisposable
{
    private readonly RecipeCiProcess _process;

    private ServerNode(RecipeCiProcess process, string nodeId, Uri baseAddress)
    {
        _process = process;
        NodeId = nodeId;
        BaseAddress = baseAddress;
        Client = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(60) };
        Client.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", "ApiKey " + ServerCluster.ApiKey);
    }

    public string NodeId { get; }
    public Uri BaseAddress { get; }
    public HttpClient Client { get; }
    public string Output => _process.Output;
    public bool HasExited => _process.HasExited;

    public static async Task<ServerNode> StartAsync(IEnumerable<string> configuration, string nodeId, string workDirectory)
    {
        var port = FreePort.Next();
        var url = $"http://127.0.0.1:{port}";
        var process = RecipeCiProcess.Start(["serve", "--urls", url, "--Runtime:NodeId", nodeId, .. configuration], workingDirectory: workDirectory);
        var node = new ServerNode(process, nodeId, new Uri(url + "/"));
        try
        {
            // Generous: on a shared, heavily loaded test machine a cold start (JIT, migrations) can take minutes.
            await Eventually.UntilAsync<bool, HttpRequestException>(async () =>
                {
                    if (process.HasExited)
                        throw new InvalidOperationException($"recipeci serve ({nodeId}) exited at start:\n{process.Output}");
                    using var response = await node.Client.GetAsync("elsa/api/workflow-instances?pageSize=1");
                    return response.StatusCode == HttpStatusCode.OK;
                }, ok => ok, TimeSpan.FromSeconds(240), () => $"recipeci serve ({nodeId}) did not answer:\n{process.Output}");
            return node;
        }
        catch
        {
            await process.DisposeAsync();
            throw;
        }
    }

    public async Task<string> DispatchAsync(string definitionId, JsonObject? input = null)
    {
        using var response = await Client.PostAsJsonAsync($"elsa/api/workflow-definitions/{definitionId}/dispatch", new JsonObject { ["input"] = input ?? [] });
        var body = await response.Content.ReadAsStringAsync();
        // A failed dispatch names its cause only in the server's log, so the message carries the log's end.
        Assert.True(response.IsSuccessStatusCode, $"dispatch {definitionId}: {(int)response.StatusCode} {body}\n{Output[^Math.Min(Output.Length, 6000)..]}");
        return JsonNode.Parse(body)!["workflowInstanceId"]!.GetValue<string>();
    }

    public async Task<JsonNode> GetAsync(string path)
    {
        using var response = await Client.GetAsync("elsa/api/" + path);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"GET {path}: {(int)response.StatusCode} {body}");
        return JsonNode.Parse(body)!;
    }

    public Task<JsonNode> InstanceAsync(string id) => GetAsync($"workflow-instances/{id}");

    public async Task<IReadOnlyList<JsonNode>> JournalAsync(string id) =>
        (await GetAsync($"workflow-instances/{id}/journal")).AsObject()["items"]!.AsArray().Select(n => n!).ToList();

    /// <summary>Polls until the instance is Finished (any sub-status) and returns it; a timeout shows <paramref name="otherOutput"/> too.</summary>
    public async Task<JsonNode> WaitFinishedAsync(string id, TimeSpan timeout, string? otherOutput = null)
    {
        return await Eventually.UntilAsync(() => InstanceAsync(id), instance => instance["status"]!.GetValue<string>() == "Finished", timeout,
            instance => $"instance {id} not finished: {instance.ToJsonString()}\n--- {NodeId} ---\n{Output}\n--- other node ---\n{otherOutput}",
            TimeSpan.FromMilliseconds(250));
    }

    /// <summary>SIGTERM, then waits up to <paramref name="timeout"/> for the process to exit; returns its exit code.</summary>
    public async Task<int> TerminateAsync(TimeSpan timeout)
    {
        _process.Terminate();
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"recipeci serve ({NodeId}) did not exit within {timeout} of SIGTERM:\n{Output}");
        }
        return _process.ExitCode;
    }

    /// <summary>Polls the journal until <paramref name="predicate"/> holds for one of its records.</summary>
    public async Task WaitForJournalAsync(string id, Func<JsonNode, bool> predicate, TimeSpan timeout)
    {
        await Eventually.UntilAsync(() => JournalAsync(id), journal => journal.Any(predicate), timeout,
            _ => $"instance {id}: the expected journal record did not appear\n--- {NodeId} ---\n{Output}", TimeSpan.FromMilliseconds(50));
    }

    /// <summary>Like <c>kill -9</c>: no shutdown code runs.</summary>
    public async Task KillAsync()
    {
        _process.Kill();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await _process.WaitForExitAsync(timeout.Token);
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _process.DisposeAsync();
    }
}
