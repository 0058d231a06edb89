using System.Text.Json;
using Recipes.Swarm.Docker;
using Recipes.Swarm.Snapshots;
using Spectre.Console;

namespace RecipeCi.Cli;

/// <summary><c>recipeci snapshots verify &lt;app&gt; &lt;id&gt;</c>: re-hashes every tar; exit 0 when it matches its manifest, 1 when not.</summary>
public sealed class SnapshotsVerifyCommand : ConfiguredCommand<SnapshotsVerifyCommand.Settings>
{
    public sealed class Settings : CommandSettings
    {
        [CommandArgument(0, "<APP>"), Description("The app the snapshot belongs to.")]
        public string App { get; init; } = "";

        [CommandArgument(1, "<ID>"), Description("The snapshot id.")]
        public string Id { get; init; } = "";

        [CommandOption("--json"), Description("Print the result as JSON.")]
        public bool Json { get; init; }

        public override ValidationResult Validate()
        {
            if (!AppName.TryParse(App, out _)) return ValidationResult.Error($"'{App}' is not a valid app name.");
            return SnapshotId.TryParse(Id, out _) ? ValidationResult.Success() : ValidationResult.Error($"'{Id}' is not a valid snapshot id.");
        }
    }

    protected override async Task<int> RunAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        try
        {
            await using var services = await SnapshotsServices.StartAsync([.. context.Remaining.Raw], cancellationToken);
            var result = await services.Snapshots.VerifyAsync(AppName.Parse(settings.App), SnapshotId.Parse(settings.Id), cancellationToken);
            if (settings.Json)
            {
                Console.WriteLine(CliJson.Serialize(new { result.App, result.Id, result.IsValid, result.Problems }));
            }
            else if (result.IsValid)
            {
                AnsiConsole.MarkupLine($"[green]ok[/] {Markup.Escape(result.App)}/{Markup.Escape(result.Id)} matches its manifest");
            }
            else
            {
                AnsiConsole.MarkupLine($"[red]FAILED[/] {Markup.Escape(result.App)}/{Markup.Escape(result.Id)}");
                foreach (var problem in result.Problems) AnsiConsole.MarkupLine("  " + Markup.Escape(problem));
            }
            return result.IsValid ? 0 : 1;
        }
        catch (SnapshotException ex)
        {
            await Console.Error.WriteLineAsync(ex.Message);
            return 1;
        }
    }
}
