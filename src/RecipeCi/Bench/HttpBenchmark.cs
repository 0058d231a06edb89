using Workflows.Hosting;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Runtime;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Workflows.Core.Management;
using Workflows.Core.Persistence;
using Workflows.Hosting.Bus;
using Workflows.Hosting.Runtime;
using Workflows.Hosting.Triggers.Http;
using Workflows.Hosting.Triggers.Scheduling;
using Workflows.Persistence.Configuration;
using Workflows.Persistence.DependencyInjection;

namespace RecipeCi.Bench;

/// <summary>
/// Starts a workflow server in this process on a loopback port (persistence, runtime, triggers as <c>serve</c> wires
/// them), publishes a one-endpoint workflow and drives it with an HttpClient. Every response is checked: its
/// instance must already be committed as Finished when the response arrives.
/// </summary>
public sealed class HttpBenchmark(HttpBenchmarkOptions options)
{
    /// <summary>
    /// A warm-up round whose JIT time (all threads) is under this share of its wall time counts as quiet. The runtime
    /// recompiles hot methods at tier 1 for thousands of requests after the first ones (on 2 cores, 1.2-2.4 s of JIT
    /// time within a 5 s run after 200 requests); measured before that settles, latency is the JIT's, not the server's.
    /// </summary>
    public const double QuietJitShare = 0.02;

    /// <summary>How long a stretch of warm-up requests the JIT share is judged over.</summary>
    public static readonly TimeSpan QuietWindow = TimeSpan.FromSeconds(2);

    public async Task<HttpBenchmarkResult> RunAsync(IProgress<int>? progress, CancellationToken cancellationToken)
    {
        await using var database = BenchDatabase.Open(options.Provider, options.ConnectionString);
        var port = FreeLoopbackPort();
        await using var app = BuildServer(database.Options, port);
        await app.StartAsync(cancellationToken);
        try
        {
            await app.Services.GetRequiredService<WorkflowDefinitionService>()
                .ImportAsync(HttpBenchWorkflow.Json(), HttpBenchWorkflow.DefinitionId + ".json", cancellationToken);
            var instances = app.Services.GetRequiredService<IWorkflowInstanceStore>();
            using var client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = options.Concurrency })
            {
                BaseAddress = new Uri($"http://127.0.0.1:{port}/"),
                Timeout = TimeSpan.FromMinutes(2),
            };

            var warmup = await WarmUpAsync(client, instances, cancellationToken);
            var latencies = new double[options.Requests];
            var jit = JitInfo.GetCompilationTime();
            var jitMethods = JitInfo.GetCompiledMethodCount();
            var started = Stopwatch.GetTimestamp();
            var failed = await DriveAsync(client, instances, options.Requests, latencies, progress, cancellationToken);
            var elapsed = Stopwatch.GetElapsedTime(started);
            jit = JitInfo.GetCompilationTime() - jit;
            jitMethods = JitInfo.GetCompiledMethodCount() - jitMethods;

            Array.Sort(latencies);
            return new HttpBenchmarkResult(
                options.Provider == DatabaseProvider.PostgreSql ? "postgres" : "sqlite",
                options.Requests, options.Concurrency, warmup.Requests, warmup.Elapsed.TotalSeconds, warmup.Settled, failed,
                elapsed.TotalSeconds, options.Requests / elapsed.TotalSeconds,
                Percentile(latencies, 0.50), Percentile(latencies, 0.99), latencies[^1],
                jit.TotalMilliseconds, jitMethods);
        }
        finally
        {
            await app.StopAsync(CancellationToken.None);
        }
    }

    /// <summary>
    /// The warm-up: <see cref="HttpBenchmarkOptions.Warmup"/> requests, then rounds of as many until the rounds of one
    /// <see cref="QuietWindow"/> leave the JIT quiet (<see cref="QuietJitShare"/>), or
    /// <see cref="HttpBenchmarkOptions.Settle"/> has passed. Judged over a window rather than a round: the JIT compiles
    /// hot methods in bursts, and a short round can fall between two of them.
    /// </summary>
    private async Task<Warmup> WarmUpAsync(HttpClient client, IWorkflowInstanceStore instances, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        if (options.Warmup == 0)
            return new Warmup(0, TimeSpan.Zero, false);
        await DriveAsync(client, instances, options.Warmup, null, null, cancellationToken);
        var sent = options.Warmup;
        var settled = false;
        var window = Stopwatch.GetTimestamp();
        var jit = JitInfo.GetCompilationTime();
        while (!settled && Stopwatch.GetElapsedTime(started) < options.Settle)
        {
            await DriveAsync(client, instances, options.Warmup, null, null, cancellationToken);
            sent += options.Warmup;
            var elapsed = Stopwatch.GetElapsedTime(window);
            if (elapsed < QuietWindow)
                continue;
            settled = (JitInfo.GetCompilationTime() - jit) / elapsed < QuietJitShare;
            window = Stopwatch.GetTimestamp();
            jit = JitInfo.GetCompilationTime();
        }
        return new Warmup(sent, Stopwatch.GetElapsedTime(started), settled);
    }

    private sealed record Warmup(int Requests, TimeSpan Elapsed, bool Settled);

    /// <summary>Sends <paramref name="count"/> requests, <see cref="HttpBenchmarkOptions.Concurrency"/> at a time; returns the failures.</summary>
    private async Task<int> DriveAsync(HttpClient client, IWorkflowInstanceStore instances, int count, double[]? latencies,
        IProgress<int>? progress, CancellationToken cancellationToken)
    {
        var next = -1;
        var failed = 0;
        var done = 0;
        var workers = Enumerable.Range(0, options.Concurrency).Select(async _ =>
        {
            int index;
            while ((index = Interlocked.Increment(ref next)) < count)
            {
                var ok = await SendOneAsync(client, instances, index, latencies, cancellationToken);
                if (!ok) Interlocked.Increment(ref failed);
                progress?.Report(Interlocked.Increment(ref done));
            }
        });
        await Task.WhenAll(workers);
        return failed;
    }

    private static async Task<bool> SendOneAsync(HttpClient client, IWorkflowInstanceStore instances, int index, double[]? latencies,
        CancellationToken cancellationToken)
    {
        using var content = new StringContent($"{{\"n\":{index}}}", Encoding.UTF8, "application/json");
        var sent = Stopwatch.GetTimestamp();
        using var response = await client.PostAsync(HttpBenchWorkflow.PathPrefix + index, content, cancellationToken);
        await response.Content.ReadAsByteArrayAsync(cancellationToken);
        var latency = Stopwatch.GetElapsedTime(sent);
        if (latencies is not null)
            latencies[index] = latency.TotalMilliseconds;
        if (!response.IsSuccessStatusCode
            || !response.Headers.TryGetValues(HttpWorkflowRequestHandler.InstanceIdHeader, out var ids)
            || ids.FirstOrDefault() is not { } instanceId)
            return false;
        // Read back after the response: the instance must already be committed, Finished.
        var instance = await instances.FindAsync(instanceId, cancellationToken);
        return instance is { Status: WorkflowStatus.Finished, SubStatus: WorkflowSubStatus.Finished };
    }

    private static WebApplication BuildServer(PersistenceOptions persistence, int port)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            ContentRootPath = AppContext.BaseDirectory,
            EnvironmentName = "Benchmark",
        });
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        builder.Logging.ClearProviders();
        builder.Services.AddWorkflowPersistence(persistence);
        builder.Services.AddWorkflowsHosting(hosting => hosting
            .UseServer(new WorkflowServerOptions { NodeId = "bench-http" },
                new BusOptions(BusTransport.InMemory, new RabbitMqOptions("127.0.0.1", 5672, "/", "guest", "guest")), persistence)
            .UseScheduling(new SchedulerOptions
            {
                ClusterConnectionString = persistence.Provider == DatabaseProvider.PostgreSql ? persistence.ConnectionString : null,
                InstanceId = "bench-http",
            })
            .UseHttpTriggers(new HttpTriggerOptions()));
        var app = builder.Build();
        app.MapWorkflowsHosting();
        return app;
    }

    private static double Percentile(double[] sorted, double p) =>
        sorted.Length == 0 ? 0 : sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
