using System.Globalization;
using RecipeCi.Bench;
using Spectre.Console;

namespace RecipeCi.Cli;

/// <summary>
/// <c>recipeci bench start</c>: how long <c>serve</c> takes, on a fresh SQLite database, from process start to its
/// first <c>/health</c> answer and to its first 200; median of N starts. <c>--executable</c> measures another build
/// (e.g. the previous release) the same way, for a side-by-side figure. A benchmark, not a test.
/// </summary>
public sealed class BenchStartCommand : AsyncCommand<BenchStartCommand.Settings>
{
    public sealed class Settings : BenchSettings
    {
        [CommandOption("--rounds <N>"), Description("Starts measured; the medians are printed."), DefaultValue(5)]
        public int Rounds { get; init; } = 5;

        [CommandOption("--executable <PATH>"), Description("Another build to start instead of this one: a recipeci executable or recipeci.dll.")]
        public string? Executable { get; init; }

        [CommandOption("--timeout <SECONDS>"), Description("Give up on a start that has not answered 200 by then."), DefaultValue(120)]
        public int TimeoutSeconds { get; init; } = 120;

        public override ValidationResult Validate()
        {
            if (Rounds < 1 || TimeoutSeconds < 1)
                return ValidationResult.Error("--rounds and --timeout must be at least 1.");
            if (Executable is not null && !File.Exists(Executable))
                return ValidationResult.Error($"--executable '{Executable}' does not exist; give the path of a recipeci executable or recipeci.dll.");
            return ValidationResult.Success();
        }
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var benchmark = new StartBenchmark(new StartBenchmarkOptions(
            settings.Rounds, Directory.GetCurrentDirectory(), settings.Executable, TimeSpan.FromSeconds(settings.TimeoutSeconds)));
        var result = await benchmark.RunAsync(null, cancellationToken);
        BenchOutput.Write(settings.Json, result, Rounds);
        return 0;
    }

    private static Table Rounds(StartBenchmarkResult r)
    {
        static string F(double value) => BenchOutput.Number(value, "0");
        var table = new Table().Title($"serve on a fresh SQLite database ({r.Build})")
            .AddColumn("round").AddColumn(new TableColumn("first answer").RightAligned()).AddColumn(new TableColumn("first 200").RightAligned())
            .AddColumn(new TableColumn("server CPU").RightAligned()).AddColumn(new TableColumn("load").RightAligned());
        foreach (var (round, i) in r.Rounds.Select((round, i) => (round, i + 1)))
            table.AddRow(i.ToString(CultureInfo.InvariantCulture), $"{F(round.FirstAnswerMilliseconds)} ms ({round.FirstAnswerStatus})",
                $"{F(round.HealthyMilliseconds)} ms", $"{F(round.CpuMilliseconds)} ms", round.LoadAverage.ToString("0.0", CultureInfo.InvariantCulture));
        table.AddRow("median", $"{F(r.MedianFirstAnswerMilliseconds)} ms", $"{F(r.MedianHealthyMilliseconds)} ms", $"{F(r.MedianCpuMilliseconds)} ms", "");
        return table;
    }
}
