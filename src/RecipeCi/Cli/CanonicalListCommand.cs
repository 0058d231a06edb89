using System.ComponentModel;
using System.Globalization;
using System.Text.Json;
using RecipeCi.Configuration;
using Recipes.Ci.Canonicals;
using Spectre.Console;
using Spectre.Console.Cli;

namespace RecipeCi.Cli;

/// <summary><c>recipeci canonical list [--json]</c>: every recipe's canonical from the domain database.</summary>
public sealed class CanonicalListCommand : AsyncCommand<CanonicalListCommand.Settings>
{
    public sealed class Settings : CommandSettings
    {
        [CommandOption("--json")]
        [Description("Print a JSON array instead of a table.")]
        public bool Json { get; init; }
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        try
        {
            await using var services = await CanonicalServices.StartAsync([.. context.Remaining.Raw], cancellationToken, readOnly: true);
            var serving = services.Get<CanonicalServing>();
            var canonicals = new List<CanonicalJson>();
            foreach (var canonical in await services.Get<CanonicalRegistry>().ListAsync(cancellationToken))
                canonicals.Add(CanonicalJson.From(canonical, await serving.GetAsync(canonical.Recipe, cancellationToken)));
            if (settings.Json)
            {
                Console.WriteLine(JsonSerializer.Serialize(canonicals, CanonicalJson.Options));
                return 0;
            }
            var table = new Table().AddColumns("Recipe", "Commit", "Version", "Snapshot", "Promoted (UTC)", "Run", "Served warm (UTC)");
            foreach (var c in canonicals)
                table.AddRow(Markup.Escape(c.Recipe), Markup.Escape(c.Commit[..Math.Min(12, c.Commit.Length)]), Markup.Escape(c.Version ?? "-"),
                    Markup.Escape($"{c.SnapshotApp}/{c.Snapshot}"), c.PromotedAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
                    Markup.Escape(c.Run), Markup.Escape(c.ServedText));
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
}
