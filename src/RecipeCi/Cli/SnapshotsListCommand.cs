using System.Globalization;
using System.Text.Json;
using Recipes.Swarm.Docker;
using Recipes.Swarm.Snapshots;
using Spectre.Console;

namespace RecipeCi.Cli;

/// <summary><c>recipeci snapshots list [--app A] [--json]</c>: the snapshots under <c>Snapshots:Root</c>.</summary>
public sealed class SnapshotsListCommand : ConfiguredCommand<SnapshotsListCommand.Settings>
{
    public sealed class Settings : CommandSettings
    {
        [CommandOption("--app <APP>"), Description("Only this app's snapshots.")]
        public string? App { get; init; }

        [CommandOption("--json"), Description("Print the manifests as a JSON array instead of a table.")]
        public bool Json { get; init; }

        public override ValidationResult Validate() =>
            App is null || AppName.TryParse(App, out _) ? ValidationResult.Success() : ValidationResult.Error($"--app '{App}' is not a valid app name.");
    }

    protected override async Task<int> RunAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        await using var services = await SnapshotsServices.StartAsync([.. context.Remaining.Raw], cancellationToken);
        var app = settings.App is null ? null : AppName.Parse(settings.App);
        var snapshots = await services.Snapshots.ListAsync(app, cancellationToken);
        if (settings.Json)
        {
            Console.WriteLine(CliJson.Serialize(snapshots));
            return 0;
        }
        var table = new Table().AddColumns("App", "Id", "Created (UTC)", "Volumes", "Size (MB)", "Entries");
        foreach (var s in snapshots)
        {
            table.AddRow(
                Markup.Escape(s.App), Markup.Escape(s.Id), s.CreatedAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
                Markup.Escape(string.Join(", ", s.Volumes.Select(v => v.Name))),
                (s.Volumes.Sum(v => v.Size) / 1e6).ToString("0.0", CultureInfo.InvariantCulture),
                s.Volumes.Sum(v => v.FileCount).ToString(CultureInfo.InvariantCulture));
        }
        AnsiConsole.Write(table);
        return 0;
    }
}
