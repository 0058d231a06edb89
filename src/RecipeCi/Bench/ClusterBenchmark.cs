using System.Diagnostics;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using Workflows.Core.Activities;
using Workflows.Hosting.Bus;

namespace RecipeCi.Bench;

/// <summary>
/// Starts N <c>recipeci serve</c> processes on one database and bus, dispatches the instances round-robin through
/// their run APIs, and measures until every instance is committed Finished: the durable multi-node path (bus,
/// locks, leases, per-activity commits) end to end. The workflow is K <c>Elsa.SetVariable</c> steps.
/// </summary>
public sealed class ClusterBenchmark(ClusterBenchmarkOptions options)
{
    private const string ApiKey = "bench-key-0123456789-abcdefgh";
    private const string DefinitionId = "bench-cluster";

    public async Task<ClusterBenchmarkResult> RunAsync(CancellationToken cancellationToken)
    {
        await using var database = BenchDatabase.Open(options.Provider, options.ConnectionString);
        var folder = Path.Combine(Path.GetTempPath(), $"recipeci_bench_cluster_{Guid.NewGuid():N}");
        Directory.CreateDirectory(Path.Combine(folder, "workflows"));
        await File.WriteAllTextAsync(Path.Combine(folder, "workflows", DefinitionId + ".json"), Workflow(options.Activities), cancellationToken);
        var nodes = new List<ServerProcess>();
        try
        {
            for (var i = 0; i < options.Nodes; i++)
                nodes.Add(ServerProcess.Start(FreePort(), Configuration(database, folder, i), folder));
            var clients = nodes.Select(n => Client(n.BaseAddress)).ToList();
            foreach (var (client, node) in clients.Zip(nodes))
                await WaitReadyAsync(client, node, cancellationToken);

            // A database given with --connection may hold the instances of earlier runs: this run's are counted on top.
            var finishedEarlier = await CountAsync(clients[0], "statuses=Finished", cancellationToken);
            var faultedEarlier = await CountAsync(clients[0], "subStatuses=Faulted", cancellationToken);
            var runningEarlier = await CountAsync(clients[0], "statuses=Running", cancellationToken);

            // As in process: the servers first run the warm-up instances to the end (code compiled, pools filled), then the
            // measurement starts; its instances are counted on top of the warm-up's.
            await DispatchAsync(clients, options.Warmup, cancellationToken);
            await WaitDrainedAsync(clients[0], nodes, runningEarlier, cancellationToken);

            var cpuBefore = nodes.Sum(n => n.CpuTime().TotalMilliseconds);
            var watch = Stopwatch.StartNew();
            await DispatchAsync(clients, options.Instances, cancellationToken);
            var dispatchSeconds = watch.Elapsed.TotalSeconds;
            await WaitDrainedAsync(clients[0], nodes, runningEarlier, cancellationToken);
            var elapsed = watch.Elapsed.TotalSeconds;
            var cpuPerActivity = (nodes.Sum(n => n.CpuTime().TotalMilliseconds) - cpuBefore) / (options.Instances * (double)options.Activities);
            var finished = await CountAsync(clients[0], "statuses=Finished", cancellationToken) - finishedEarlier - options.Warmup;
            var load = ProcessFigures.LoadAverage();
            var faulted = await CountAsync(clients[0], "subStatuses=Faulted", cancellationToken) - faultedEarlier;
            var rss = nodes.Select(n => Math.Round(n.RssMegabytes(), 1)).ToList();
            foreach (var client in clients)
                client.Dispose();
            return new ClusterBenchmarkResult(options.Nodes, options.Transport.ToString(), options.Provider.ToString(), options.Instances, options.Warmup, options.Activities,
                (int)finished, (int)faulted, dispatchSeconds, elapsed, options.Instances / elapsed, options.Instances * (double)options.Activities / elapsed, rss,
                cpuPerActivity, load);
        }
        finally
        {
            foreach (var node in nodes)
                await node.DisposeAsync();
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>Dispatches <paramref name="count"/> instances round-robin over the nodes' run APIs, 16 requests at a time.</summary>
    private static async Task DispatchAsync(IReadOnlyList<HttpClient> clients, int count, CancellationToken cancellationToken)
    {
        var next = 0;
        await Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = cancellationToken },
            async (_, ct) =>
            {
                var client = clients[Interlocked.Increment(ref next) % clients.Count];
                using var response = await client.PostAsJsonAsync($"elsa/api/workflow-definitions/{DefinitionId}/dispatch", new { }, ct);
                response.EnsureSuccessStatusCode();
            });
    }

    /// <summary>
    /// Waits until no more instances are running than before the benchmark: every dispatched instance is committed Finished
    /// (its row exists before its dispatch is answered). It polls the count of running instances, a few rows found through
    /// the status index, rather than the finished ones, which PostgreSQL counts row by row in a table that grows by every
    /// instance: that poll of the server being measured took a tenth of the database's time near the end of a run. It
    /// polls sparsely while the end is far (half the time left at the rate seen so far, at most 500 ms) and every 20 ms
    /// near it.
    /// </summary>
    private static async Task WaitDrainedAsync(HttpClient client, IReadOnlyList<ServerProcess> nodes, long runningEarlier, CancellationToken cancellationToken)
    {
        var watch = Stopwatch.StartNew();
        var first = await CountAsync(client, "statuses=Running", cancellationToken);
        var running = first;
        while (running > runningEarlier)
        {
            if (nodes.All(n => n.HasExited))
                throw new InvalidOperationException("every server process exited during the benchmark");
            var rate = (first - running) / watch.Elapsed.TotalSeconds;
            var wait = rate > 0 ? TimeSpan.FromSeconds((running - runningEarlier) / rate / 2) : TimeSpan.FromMilliseconds(50);
            await Task.Delay(TimeSpan.FromMilliseconds(Math.Clamp(wait.TotalMilliseconds, 20, 500)), cancellationToken);
            running = await CountAsync(client, "statuses=Running", cancellationToken);
        }
    }

    private IEnumerable<string> Configuration(BenchDatabase database, string folder, int index)
    {
        var user = options.RabbitMq.UserInfo.Split(':');
        return
        [
            "--DataDir", Path.Combine(folder, "data"),
            "--Persistence:Provider", database.Options.Provider.ToString(),
            "--Persistence:ConnectionString", database.Options.ConnectionString,
            "--Bus:Transport", options.Transport.ToString(),
            "--Bus:RabbitMq:Host", options.RabbitMq.Host,
            "--Bus:RabbitMq:Port", options.RabbitMq.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--Bus:RabbitMq:Username", Uri.UnescapeDataString(user[0]),
            "--Bus:RabbitMq:Password", Uri.UnescapeDataString(user.ElementAtOrDefault(1) ?? ""),
            "--Runtime:Nodes", options.Nodes.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--Runtime:NodeId", $"bench-node-{index}",
            "--Runtime:QueueName", "bench-" + Path.GetFileName(folder),
            "--Runtime:WorkerConcurrency", options.WorkerConcurrency.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--Workflows:Folder", Path.Combine(folder, "workflows"),
            "--Ci:ApiKey", ApiKey,
            "--Serilog:MinimumLevel:Default", "Warning",
        ];
    }

    private static HttpClient Client(Uri baseAddress)
    {
        var client = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(60) };
        client.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", "ApiKey " + ApiKey);
        return client;
    }

    private static async Task WaitReadyAsync(HttpClient client, ServerProcess node, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(120);
        while (true)
        {
            if (node.HasExited)
                throw new InvalidOperationException($"recipeci serve at {node.BaseAddress} exited at start (check the configuration)");
            try
            {
                using var response = await client.GetAsync("elsa/api/workflow-instances?pageSize=1", cancellationToken);
                if (response.IsSuccessStatusCode)
                    return;
            }
            catch (HttpRequestException)
            {
            }
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"recipeci serve at {node.BaseAddress} did not start within 120 s");
            await Task.Delay(200, cancellationToken);
        }
    }

    private static async Task<long> CountAsync(HttpClient client, string filter, CancellationToken cancellationToken)
    {
        var page = await client.GetFromJsonAsync<JsonObject>($"elsa/api/workflow-instances?{filter}&definitionId={DefinitionId}&pageSize=1", cancellationToken);
        return page!["totalCount"]!.GetValue<long>();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string Workflow(int steps)
    {
        var activities = new JsonArray();
        var connections = new JsonArray();
        string? previous = null;
        for (var i = 1; i <= steps; i++)
        {
            var id = $"step{i}";
            activities.Add(new JsonObject
            {
                ["id"] = id, ["type"] = "Elsa.SetVariable", ["version"] = 1,
                ["variable"] = new JsonObject { ["id"] = "last", ["name"] = "Last", ["typeName"] = "Int32" },
                ["value"] = new JsonObject { ["typeName"] = "Object", ["expression"] = new JsonObject { ["type"] = "Literal", ["value"] = i.ToString(System.Globalization.CultureInfo.InvariantCulture) } },
            });
            if (previous is not null)
                connections.Add(new JsonObject
                {
                    ["source"] = new JsonObject { ["activity"] = previous, ["port"] = FlowPorts.Done },
                    ["target"] = new JsonObject { ["activity"] = id, ["port"] = FlowPorts.In },
                });
            previous = id;
        }
        return new JsonObject
        {
            ["definitionId"] = DefinitionId,
            ["name"] = $"Cluster benchmark: {steps} steps",
            ["variables"] = new JsonArray { new JsonObject { ["id"] = "last", ["name"] = "Last", ["typeName"] = "Int32" } },
            ["root"] = new JsonObject { ["id"] = "flow", ["type"] = "Elsa.Flowchart", ["version"] = 1, ["start"] = "step1", ["activities"] = activities, ["connections"] = connections },
        }.ToJsonString();
    }
}
