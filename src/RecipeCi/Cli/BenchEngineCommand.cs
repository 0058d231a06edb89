using System.Globalization;
using RecipeCi.Bench;
using Spectre.Console;

namespace RecipeCi.Cli;

/// <summary>
/// <c>recipeci bench engine</c>: N instances of a K-step sequential workflow through the engine with durable
/// per-activity commits; prints throughput, engine overhead per activity and memory. A benchmark, not a test.
/// </summary>
public sealed class BenchEngineCommand : AsyncCommand<BenchEngineCommand.Settings>
{
    public sealed class Settings : BenchStoreSettings
    {
        [CommandOption("--instances <N>"), Description("Measured workflow instances."), DefaultValue(1000)]
        public int Instances { get; init; } = 1000;

        [CommandOption("--activities <K>"), Description("Sequential activities per workflow."), DefaultValue(10)]
        public int Activities { get; init; } = 10;

        [CommandOption("--parallel <P>"), Description("Instances running at once."), DefaultValue(16)]
        public int Parallel { get; init; } = 16;

        [CommandOption("--warmup <N>"), Description("Instances run before measuring (JIT, connection pools); not counted."), DefaultValue(1000)]
        public int Warmup { get; init; } = 1000;

        [CommandOption("--nodes <N>"), Description("Run through N `recipeci serve` processes (the durable server path: bus, locks, leases) instead of the engine in-process.")]
        public int? Nodes { get; init; }

        [CommandOption("--transport <T>"), Description("Bus of the server processes: inmemory (one node, default) or rabbitmq (needs --store postgres).")]
        public string? Transport { get; init; }

        [CommandOption("--rabbitmq <URI>"), Description("RabbitMQ for --transport rabbitmq (default amqp://guest:guest@127.0.0.1:5672/, or RECIPECI_TEST_RABBITMQ).")]
        public string? RabbitMq { get; init; }

        [CommandOption("--reference <KIND>"), Description("Also run a reference loop in the same command and print it beside the engine: npgsql (plain Npgsql, one INSERT + UPDATE committed per step on --parallel connections; needs --store postgres).")]
        public string? Reference { get; init; }

        public bool ThroughServers => Nodes is not null || Transport is not null;

        public override ValidationResult Validate()
        {
            if (base.Validate() is { Successful: false } store)
            {
                return store;
            }
            if (Transport is not (null or "inmemory" or "rabbitmq"))
            {
                return ValidationResult.Error($"--transport '{Transport}' is not allowed; use inmemory or rabbitmq.");
            }
            if (Nodes is < 1 or > 16)
            {
                return ValidationResult.Error("--nodes must be from 1 to 16.");
            }
            if ((Nodes > 1 || Transport == "rabbitmq") && (Store != "postgres" || Transport != "rabbitmq"))
            {
                return ValidationResult.Error("Several nodes need --store postgres and --transport rabbitmq (SQLite and the in-memory bus are single-node).");
            }
            if (Reference is not (null or "npgsql"))
            {
                return ValidationResult.Error($"--reference '{Reference}' is not allowed; use npgsql.");
            }
            if (Reference is not null && (Store != "postgres" || Nodes is not null || Transport is not null))
            {
                return ValidationResult.Error("--reference npgsql needs --store postgres and the in-process engine (no --nodes or --transport).");
            }
            if (Instances < 1 || Activities < 1 || Parallel < 1 || Warmup < 0)
            {
                return ValidationResult.Error("--instances, --activities and --parallel must be at least 1, --warmup at least 0.");
            }
            return ValidationResult.Success();
        }
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        if (settings.ThroughServers)
            return await RunServersAsync(settings, cancellationToken);
        var options = new EngineBenchmarkOptions(
            settings.Provider,
            settings.Connection,
            settings.Instances,
            settings.Activities,
            settings.Parallel,
            settings.Warmup,
            settings.Reference == "npgsql");
        var benchmark = new EngineBenchmark(options);

        var result = await BenchOutput.MeasureAsync(settings.Json,
            $"{settings.Instances} instances x {settings.Activities} activities on {settings.Store}", settings.Instances,
            progress => benchmark.RunAsync(progress, cancellationToken));
        BenchOutput.Write(settings.Json, result, Figures);
        return result.FailedInstances == 0 ? 0 : 1;
    }

    private static async Task<int> RunServersAsync(Settings settings, CancellationToken cancellationToken)
    {
        var rabbit = settings.RabbitMq ?? Environment.GetEnvironmentVariable("RECIPECI_TEST_RABBITMQ") ?? "amqp://guest:guest@127.0.0.1:5672/";
        var options = new ClusterBenchmarkOptions(
            settings.Nodes ?? 1,
            settings.Transport == "rabbitmq" ? Workflows.Hosting.Bus.BusTransport.RabbitMq : Workflows.Hosting.Bus.BusTransport.InMemory,
            settings.Provider,
            settings.Connection,
            new Uri(rabbit),
            settings.Instances,
            settings.Activities,
            settings.Parallel,
            settings.Warmup);
        var result = await new ClusterBenchmark(options).RunAsync(cancellationToken);
        BenchOutput.Write(settings.Json, result, r => ServerFigures(r, settings.Parallel));
        return result.FaultedInstances == 0 ? 0 : 1;
    }

    private static Table ServerFigures(ClusterBenchmarkResult r, int workersPerNode)
    {
        static string F(double value, string format = "0.0") => BenchOutput.Number(value, format);
        var table = BenchOutput.Figures();
        table.AddRow("nodes / transport / store", $"{r.Nodes} / {r.Transport} / {r.Store}");
        table.AddRow("warm-up instances (run first, not counted)", r.WarmupInstances.ToString(CultureInfo.InvariantCulture));
        table.AddRow("instances x activities (workers per node)", $"{r.Instances} x {r.ActivitiesPerInstance} ({workersPerNode})");
        table.AddRow("finished / faulted", $"{r.FinishedInstances} / {r.FaultedInstances}");
        table.AddRow("dispatch (HTTP, committed Pending)", $"{F(r.DispatchSeconds, "0.00")} s");
        table.AddRow("elapsed to last Finished", $"{F(r.ElapsedSeconds, "0.00")} s");
        table.AddRow("completed workflows/s", F(r.WorkflowsPerSecond));
        table.AddRow("activity executions/s", F(r.ActivityExecutionsPerSecond));
        table.AddRow("RSS per node", string.Join(" / ", r.NodeRssMegabytes.Select(rss => F(rss) + " MB")));
        table.AddRow("server CPU per activity (all nodes, dispatch included)", $"{F(r.ServerCpuMillisecondsPerActivity, "0.000")} ms");
        table.AddRow("machine load average (1 min)", F(r.MachineLoadAverage, "0.00"));
        return table;
    }

    private static Table Figures(EngineBenchmarkResult r)
    {
        static string F(double value, string format = "0.0") => BenchOutput.Number(value, format);
        var table = BenchOutput.Figures();
        table.AddRow("store", r.Store);
        table.AddRow("instances x activities (parallel)", $"{r.Instances} x {r.ActivitiesPerInstance} (P={r.Parallelism}, warm-up {r.WarmupInstances})");
        table.AddRow("failed instances", r.FailedInstances.ToString(CultureInfo.InvariantCulture));
        table.AddRow("elapsed", $"{F(r.ElapsedSeconds, "0.00")} s");
        table.AddRow("completed workflows/s", F(r.WorkflowsPerSecond));
        table.AddRow("activity executions/s", F(r.ActivityExecutionsPerSecond));
        table.AddRow("engine overhead per activity p50", $"{F(r.OverheadP50Milliseconds, "0.000")} ms");
        table.AddRow("engine overhead per activity p99", $"{F(r.OverheadP99Milliseconds, "0.000")} ms");
        table.AddRow("activity own work per activity", $"{F(r.ActivityWorkMillisecondsPerActivity, "0.0000")} ms");
        table.AddRow("process CPU per activity", $"{F(r.ProcessCpuMillisecondsPerActivity, "0.000")} ms");
        table.AddRow("machine load average (1 min)", F(r.MachineLoadAverage, "0.00"));
        table.AddRow("RSS at 10% / 100%", $"{F(r.RssAt10PercentMegabytes)} / {F(r.RssAt100PercentMegabytes)} MB ({F(r.RssGrowthPercent)}%)");
        table.AddRow("managed heap at 10% / 100%", $"{F(r.ManagedHeapAt10PercentMegabytes)} / {F(r.ManagedHeapAt100PercentMegabytes)} MB");
        var g = r.GroupCommits;
        table.AddRow("group commit: commits per group / ms per flush", $"{F(g.AverageGroupSize, "0.00")} / {F(g.AverageFlushMilliseconds, "0.000")} ms");
        table.AddRow("group commit: flush loop busy", $"{F(g.FlushBusyPercent)}%");
        if (r.NpgsqlReference is { } reference)
        {
            table.AddRow("reference: plain Npgsql steps/s (INSERT + UPDATE committed per step)", F(reference.StepsPerSecond));
            table.AddRow("reference: process CPU per step", $"{F(reference.ProcessCpuMillisecondsPerStep, "0.000")} ms");
            table.AddRow("engine / reference", F(r.RatioToNpgsqlReference ?? 0, "0.000"));
        }
        return table;
    }
}
