using System.Globalization;
using RecipeCi.Bench;
using Spectre.Console;

namespace RecipeCi.Cli;

/// <summary>
/// <c>recipeci bench http</c>: requests per second and p50/p99 latency of an HTTP-triggered workflow (HttpEndpoint ->
/// WriteHttpResponse) from request to committed instance, on a loopback server in this process. A benchmark, not a test.
/// </summary>
public sealed class BenchHttpCommand : AsyncCommand<BenchHttpCommand.Settings>
{
    public sealed class Settings : BenchStoreSettings
    {
        [CommandOption("--requests <N>"), Description("Measured requests."), DefaultValue(2000)]
        public int Requests { get; init; } = 2000;

        [CommandOption("--concurrency <C>"), Description("Requests in flight at once."), DefaultValue(16)]
        public int Concurrency { get; init; } = 16;

        [CommandOption("--warmup <N>"), Description("Requests sent before measuring (JIT, connection pools); not counted. Then rounds of as many until the JIT is quiet (see --settle)."), DefaultValue(200)]
        public int Warmup { get; init; } = 200;

        [CommandOption("--settle <SECONDS>"), Description("Longest time the warm-up goes on waiting for the JIT to go quiet (2 s of --warmup rounds with under 2% of the time compiling); 0: measure right after --warmup requests."), DefaultValue(60)]
        public int SettleSeconds { get; init; } = 60;

        public override ValidationResult Validate()
        {
            if (base.Validate() is { Successful: false } store)
                return store;
            if (Requests < 1 || Concurrency < 1 || Warmup < 0 || SettleSeconds < 0)
                return ValidationResult.Error("--requests and --concurrency must be at least 1, --warmup and --settle at least 0.");
            return ValidationResult.Success();
        }
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var benchmark = new HttpBenchmark(new HttpBenchmarkOptions(
            settings.Provider,
            settings.Connection, settings.Requests, settings.Concurrency, settings.Warmup, TimeSpan.FromSeconds(settings.SettleSeconds)));

        var result = await BenchOutput.MeasureAsync(settings.Json,
            $"{settings.Requests} requests (C={settings.Concurrency}) on {settings.Store}", settings.Requests,
            progress => benchmark.RunAsync(progress, cancellationToken));
        BenchOutput.Write(settings.Json, result, Figures);
        return result.FailedRequests == 0 ? 0 : 1;
    }

    private static Table Figures(HttpBenchmarkResult r)
    {
        static string F(double value, string format = "0.0") => BenchOutput.Number(value, format);
        var table = BenchOutput.Figures();
        table.AddRow("store", r.Store);
        table.AddRow("requests (concurrency)", $"{r.Requests} (C={r.Concurrency})");
        table.AddRow("warm-up", $"{r.WarmupRequests} requests in {F(r.WarmupSeconds)} s, JIT {(r.JitSettled ? "quiet" : "not yet quiet")}");
        table.AddRow("failed requests", r.FailedRequests.ToString(CultureInfo.InvariantCulture));
        table.AddRow("elapsed", $"{F(r.ElapsedSeconds, "0.00")} s");
        table.AddRow("requests/s", F(r.RequestsPerSecond));
        table.AddRow("latency to committed instance p50", $"{F(r.LatencyP50Milliseconds, "0.00")} ms");
        table.AddRow("latency to committed instance p99", $"{F(r.LatencyP99Milliseconds, "0.00")} ms");
        table.AddRow("latency max", $"{F(r.LatencyMaxMilliseconds, "0.00")} ms");
        table.AddRow("JIT while measuring (methods, time)", $"{r.JitMethods} methods, {F(r.JitMilliseconds)} ms");
        return table;
    }
}
