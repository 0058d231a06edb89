using System.Globalization;
using Recipes.Ci.Runs;
using Spectre.Console;

namespace RecipeCi.Cli;

/// <summary>
/// <c>recipeci runs labels [--recipe R] [--limit N] [--json]</c>: the recipe-CI run records from the local domain
/// database, newest first. Unlike the other <c>runs</c> commands it needs no server: the labels are the domain's,
/// not the engine's.
/// </summary>
public sealed class RunsLabelsCommand : ConfiguredCommand<RunsLabelsCommand.Settings>
{
    public sealed class Settings : OutputSettings
    {
        [CommandOption("--recipe <RECIPE>"), Description("Only runs of this recipe.")]
        public string? Recipe { get; init; }

        [CommandOption("--limit <N>"), Description("At most this many runs (default 50).")]
        public int Limit { get; init; } = 50;

        public override ValidationResult Validate() =>
            Limit > 0 ? base.Validate() : ValidationResult.Error("--limit must be positive.");
    }

    protected override async Task<int> RunAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        await using var services = await CommandServices.StartAsync([.. context.Remaining.Raw], cancellationToken, readOnly: true);
        var runs = (await services.Get<RunRecords>().ListAsync(settings.Recipe, settings.Limit, cancellationToken)).Select(RunLabelsJson.From).ToList();
        if (settings.WantsJson)
        {
            Console.WriteLine(CliJson.Serialize(runs));
            return 0;
        }
        // Run id and result never wrap: they are what one copies or scans for.
        var table = new CliTable().Column("Run", noWrap: true).Column("Mode").Column("Recipe").Column("Ref").Column("PR").Column("Trigger")
            .Column("Result", noWrap: true).Column("Reason").Column("Deploys").Column("Duration (s)").Column("Phases (s)").Column("Report");
        foreach (var r in runs)
            table.Row(r.RunId, r.Mode, r.Recipe, r.Ref, r.Pr?.ToString(CultureInfo.InvariantCulture), r.Trigger, r.Result ?? "running",
                r.Reason is null ? null : FirstLine(r.Reason), r.DeployCount.ToString(CultureInfo.InvariantCulture),
                r.DurationSeconds?.ToString("0.0", CultureInfo.InvariantCulture),
                string.Join(" ", r.PhaseSeconds.Select(p => $"{p.Key}={p.Value.ToString("0.0", CultureInfo.InvariantCulture)}")), r.ReportPath);
        table.Write(settings.WantsPlain);
        return 0;
    }

    // A reason may carry a log tail; the table shows its first line, --json the whole.
    private static string FirstLine(string reason)
    {
        var line = reason.Split('\n', 2)[0].TrimEnd();
        return line.Length > 160 ? line[..160] + "…" : line;
    }
}
