using System.Globalization;
using System.Text.Json;
using Recipes.Ci.Canonicals;
using Spectre.Console;

namespace RecipeCi.Cli;

/// <summary><c>recipeci canonical show &lt;recipe&gt; [--json]</c>: one recipe's canonical; exit 1 when it has none.</summary>
public sealed class CanonicalShowCommand : ConfiguredCommand<CanonicalShowCommand.Settings>
{
    public sealed class Settings : CommandSettings
    {
        [CommandArgument(0, "<RECIPE>"), Description("The recipe name.")]
        public string Recipe { get; init; } = string.Empty;

        [CommandOption("--json"), Description("Print one JSON object instead of a grid.")]
        public bool Json { get; init; }
    }

    protected override async Task<int> RunAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        await using var services = await CommandServices.StartAsync([.. context.Remaining.Raw], cancellationToken, readOnly: true);
        var canonical = await services.Get<CanonicalRegistry>().GetAsync(settings.Recipe, cancellationToken);
        if (canonical is null)
        {
            await Console.Error.WriteLineAsync($"Recipe '{settings.Recipe}' has no canonical: no green cold run has seeded it yet.");
            return 1;
        }
        var c = CanonicalJson.From(canonical, await services.Get<CanonicalServing>().GetAsync(canonical.Recipe, cancellationToken));
        if (settings.Json)
        {
            Console.WriteLine(CliJson.Serialize(c));
            return 0;
        }
        var grid = new Grid().AddColumn().AddColumn();
        grid.AddRow("Recipe", Markup.Escape(c.Recipe));
        grid.AddRow("Commit", Markup.Escape(c.Commit));
        grid.AddRow("Version", Markup.Escape(c.Version ?? "-"));
        grid.AddRow("Snapshot", Markup.Escape($"{c.SnapshotApp}/{c.Snapshot}"));
        grid.AddRow("Promoted (UTC)", c.PromotedAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture));
        grid.AddRow("Run", Markup.Escape(c.Run));
        grid.AddRow("Served warm (UTC)", Markup.Escape(c.ServedText));
        AnsiConsole.Write(grid);
        return 0;
    }
}
