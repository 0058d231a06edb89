using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace RecipeCi.Bench;

/// <summary>
/// Starts <c>recipeci serve</c> as a child process on a fresh data folder, polls <c>/health</c> every 10 ms and records
/// the time to the first answer and to the first 200 (database, bus and Docker checks all ok), then stops it; N times.
/// Each round is a first start (migrations, workflow import), as after an install or on a new node.
/// </summary>
public sealed class StartBenchmark(StartBenchmarkOptions options)
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(10);

    public async Task<StartBenchmarkResult> RunAsync(IProgress<int>? progress, CancellationToken cancellationToken)
    {
        var rounds = new List<StartRound>();
        for (var i = 0; i < options.Rounds; i++)
        {
            rounds.Add(await RoundAsync(cancellationToken));
            progress?.Report(i + 1);
        }
        return new StartBenchmarkResult(
            options.Executable ?? "this build",
            rounds,
            Median(rounds.Select(r => r.FirstAnswerMilliseconds)),
            Median(rounds.Select(r => r.HealthyMilliseconds)),
            Median(rounds.Select(r => r.CpuMilliseconds)));
    }

    private async Task<StartRound> RoundAsync(CancellationToken cancellationToken)
    {
        var dataDir = Path.Combine(Path.GetTempPath(), $"recipeci_bench_start_{Guid.NewGuid():N}");
        // A started listener may take long over its first answer on a busy machine: that wait is part of the figure.
        using var http = new HttpClient { Timeout = options.Timeout };
        try
        {
            var watch = Stopwatch.StartNew();
            await using var server = ServerProcess.Start(FreeLoopbackPort(), ["--DataDir", dataDir], options.WorkingDirectory, options.Executable);
            var health = new Uri(server.BaseAddress, "health");
            double? firstAnswer = null;
            var firstStatus = 0;
            while (true)
            {
                if (server.HasExited)
                    throw new InvalidOperationException("recipeci serve exited before /health answered 200; run it by hand to see why.");
                if (watch.Elapsed > options.Timeout)
                    throw new TimeoutException($"/health did not answer 200 within {options.Timeout.TotalSeconds:0} s.");
                var status = await StatusAsync(http, health, cancellationToken);
                if (status is { } answered && firstAnswer is null)
                    (firstAnswer, firstStatus) = (watch.Elapsed.TotalMilliseconds, answered);
                if (status == (int)HttpStatusCode.OK)
                    return new StartRound(firstAnswer!.Value, firstStatus, watch.Elapsed.TotalMilliseconds, server.CpuTime().TotalMilliseconds, ProcessFigures.LoadAverage());
                await Task.Delay(PollInterval, cancellationToken);
            }
        }
        finally
        {
            if (Directory.Exists(dataDir))
                Directory.Delete(dataDir, recursive: true);
        }
    }

    /// <summary>The status of one GET, or null while nothing listens yet.</summary>
    private static async Task<int?> StatusAsync(HttpClient http, Uri health, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await http.GetAsync(health, cancellationToken);
            return (int)response.StatusCode;
        }
        catch (HttpRequestException)
        {
            return null;
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // The round's own timeout ends the loop above.
            return null;
        }
    }

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
    }
}
