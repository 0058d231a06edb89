using System.ComponentModel;
using System.Globalization;
using System.Text.Json;
using RecipeCi.Configuration;
using Recipes.Ci.Runs;
using Spectre.Console;
using Spectre.Console.Cli;

namespace RecipeCi.Cli;

/// <summary>
/// <c>recipeci runs labels [--recipe R] [--limit N] [--json]</c>: the recipe-CI run records from the local domain
/// database, newest first. Unlike the other <c>runs</c> commands it needs no server: the labels are the domain's,
/// not the engine's.
/// </summary>
public sealed class RunsLabelsCommand : AsyncCommand<RunsLabelsCommand.Settings>
{
    public sealed class Settings : CommandSettings
    {
        [CommandOption("--recipe <RECIPE>")]
        [Description("Only runs of this recipe.")]
        public string? Recipe { get; init; }

        [CommandOption("--limit <N>")]
        [Description("At most this many runs (default 50).")]
        public int Limit { get; init; } = 50;

        [CommandOption("--json")]
        [Description("Print a JSON array instead of a table.")]
        public bool Json { get; init; }

        public override ValidationResult Validate() =>
            Limit > 0 ? ValidationResult.Success() : ValidationResult.Error("--limit must be positive.");
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        try
        {
            await using var services = await CanonicalServices.StartAsync([.. context.Remaining.Raw], cancellationToken, readOnly: true);
            var runs = (await services.Get<RunRecords>().ListAsync(settings.Recipe, settings.Limit, cancellationToken)).Select(RunLabelsJson.From).ToList();
            if (settings.Json)
            {
                Console.WriteLine(JsonSerializer.Serialize(runs, CanonicalJson.Options));
                return 0;
            }
            // Run id and result never wrap: they are what one copies or scans for on a narrow (80-column, redirected) output.
            var table = new Table().AddColumns(new TableColumn("Run").NoWrap(), new TableColumn("Mode"), new TableColumn("Recipe"), new TableColumn("Ref"),
                new TableColumn("PR"), new TableColumn("Trigger"), new TableColumn("Result").NoWrap(), new TableColumn("Reason"), new TableColumn("Deploys"),
                new TableColumn("Duration (s)"), new TableColumn("Phases (s)"), new TableColumn("Report"));
            foreach (var r in runs)
                table.AddRow(Markup.Escape(r.RunId), Markup.Escape(r.Mode), Markup.Escape(r.Recipe), Markup.Escape(r.Ref), Markup.Escape(r.Pr ?? "-"),
                    Markup.Escape(r.Trigger), Markup.Escape(r.Result ?? "running"),
                    Markup.Escape(r.Reason is null ? "-" : FirstLine(r.Reason)), r.DeployCount.ToString(CultureInfo.InvariantCulture),
                    r.DurationSeconds?.ToString("0.0", CultureInfo.InvariantCulture) ?? "-",
                    Markup.Escape(string.Join(" ", r.PhaseSeconds.Select(p => $"{p.Key}={p.Value.ToString("0.0", CultureInfo.InvariantCulture)}"))),
                    Markup.Escape(r.ReportPath ?? "-"));
            AnsiConsole.Write(table);
            return 0;
        }
        catch (ConfigurationException ex)
        {
            await Console.Error.WriteLineAsync(ex.Message);
            return 2;
        }
        catch (NoDatabaseException ex)
        {
            await Console.Error.WriteLineAsync(ex.Message);
            return NoDatabaseException.ExitCode;
        }
    }

    // A reason may carry a log tail; the table shows its first line, --json the whole.
    private static string FirstLine(string reason)
    {
        var line = reason.Split('\n', 2)[0].TrimEnd();
        return line.Length > 160 ? line[..160] + "…" : line;
    }
}
