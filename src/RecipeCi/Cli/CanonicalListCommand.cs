using System.Globalization;
using Recipes.Ci.Canonicals;

namespace RecipeCi.Cli;

/// <summary><c>recipeci canonical list [--json]</c>: every recipe's canonical from the domain database.</summary>
public sealed class CanonicalListCommand : ConfiguredCommand<CanonicalListCommand.Settings>
{
    public sealed class Settings : OutputSettings;

    protected override async Task<int> RunAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        await using var services = await CommandServices.StartAsync([.. context.Remaining.Raw], cancellationToken, readOnly: true);
        var serving = services.Get<CanonicalServing>();
        var canonicals = new List<CanonicalJson>();
        foreach (var canonical in await services.Get<CanonicalRegistry>().ListAsync(cancellationToken))
            canonicals.Add(CanonicalJson.From(canonical, await serving.GetAsync(canonical.Recipe, cancellationToken)));
        if (settings.WantsJson)
        {
            Console.WriteLine(CliJson.Serialize(canonicals));
            return 0;
        }
        var table = new CliTable().Column("Recipe").Column("Commit", noWrap: true).Column("Version").Column("Snapshot", noWrap: true)
            .Column("Promoted (UTC)").Column("Run", noWrap: true).Column("Served warm (UTC)");
        foreach (var c in canonicals)
            table.Row(c.Recipe, c.Commit[..Math.Min(12, c.Commit.Length)], c.Version, $"{c.SnapshotApp}/{c.Snapshot}",
                c.PromotedAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture), c.Run, c.ServedText);
        table.Write(settings.WantsPlain);
        return 0;
    }
}
