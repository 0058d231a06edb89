using System.Globalization;
using System.Text.Json;
using Recipes.Ci.Housekeeping;
using Recipes.Swarm.Housekeeping;
using Recipes.Swarm.Snapshots;
using Spectre.Console;

namespace RecipeCi.Cli;

/// <summary>
/// <c>recipeci prune [--dry-run] [--json]</c>: the prune guard by hand. The snapshots canonicals and warm
/// dependencies' <c>last_good</c> refer to are read from the domain database and never removed (nor any named with
/// <c>--referenced</c>); other snapshots are only subject to retention when <c>--keep-snapshots</c> is given.
/// </summary>
public sealed class PruneCommand : ConfiguredCommand<PruneCommand.Settings>
{
    public sealed class Settings : CommandSettings
    {
        [CommandOption("--dry-run"), Description("Report what would be removed; remove nothing.")]
        public bool DryRun { get; init; }

        [CommandOption("--json"), Description("Print disk use and the prune report as JSON.")]
        public bool Json { get; init; }

        [CommandOption("--threshold <PERCENT>"), Description("Prune only when Docker's data root or Snapshots:Root is at least this full.")]
        public double? Threshold { get; init; }

        [CommandOption("--keep-snapshots <N>"), Description("Delete all but the newest N snapshots per app (referenced ones always stay). Default: no snapshot is deleted.")]
        public int? KeepSnapshots { get; init; }

        [CommandOption("--referenced <ID>"), Description("A snapshot id that must stay (repeatable).")]
        public string[] Referenced { get; init; } = [];

        [CommandOption("--scope <PREFIX>"), Description("Only containers, volumes and snapshot apps whose name starts with PREFIX; host-wide images and build cache are left alone.")]
        public string? Scope { get; init; }

        [CommandOption("--host-wide"), Description("Also remove what recipeci did not make: every stopped container, dangling image and unused build cache entry on the host (as Prune:HostWide).")]
        public bool HostWide { get; init; }

        public override ValidationResult Validate()
        {
            if (Threshold is < 0 or > 100) return ValidationResult.Error("--threshold must be a percentage from 0 to 100.");
            if (KeepSnapshots is < 0) return ValidationResult.Error("--keep-snapshots must be 0 or more.");
            if (Scope is { Length: 0 }) return ValidationResult.Error("--scope must not be empty.");
            var bad = Referenced.FirstOrDefault(r => !SnapshotId.TryParse(r, out _));
            return bad is null ? ValidationResult.Success() : ValidationResult.Error($"--referenced '{bad}' is not a valid snapshot id.");
        }
    }

    protected override async Task<int> RunAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        await using var services = await SnapshotsServices.StartAsync([.. context.Remaining.Raw], cancellationToken);
        var referenced = settings.Referenced.Select(SnapshotId.Parse).ToHashSet();
        // What canonicals and last_good refer to lives in the domain database, not beside the snapshots.
        bool hostWide;
        await using (var domain = await CommandServices.StartAsync([.. context.Remaining.Raw], cancellationToken))
        {
            referenced.UnionWith(await domain.Get<ReferencedSnapshots>().ListAsync(cancellationToken));
            hostWide = settings.HostWide || domain.Get<Recipes.Ci.Runs.RecipeCiOptions>().PruneHostWide;
        }
        var options = new PruneOptions(
            settings.DryRun,
            referenced,
            settings.KeepSnapshots ?? int.MaxValue,
            PruneOptions.DefaultMinimumVolumeAge,
            settings.Scope,
            hostWide);
        var result = await services.Housekeeper.RunAsync(settings.Threshold ?? 0, options, cancellationToken);
        if (settings.Json)
        {
            Console.WriteLine(CliJson.Serialize(result));
            return 0;
        }
        Print(result);
        return 0;
    }

    private static void Print(HousekeepingResult result)
    {
        foreach (var disk in new[] { result.Disk.DockerRoot, result.Disk.Snapshots })
        {
            AnsiConsole.MarkupLine(disk.Available
                ? $"{disk.Name,-9} {Markup.Escape(disk.Path)}: {disk.Percent.ToString("0.0", CultureInfo.InvariantCulture)}% used ({disk.UsedBytes / 1e9:0.0} of {disk.TotalBytes / 1e9:0.0} GB)"
                : $"{disk.Name,-9} {Markup.Escape(disk.Path)}: not on this machine");
        }
        if (result.Prune is not { } prune)
        {
            AnsiConsole.MarkupLine("Below the threshold: nothing pruned.");
            return;
        }
        var verb = prune.DryRun ? "would remove" : "removed";
        AnsiConsole.MarkupLine($"{verb}: {prune.Containers.Count} containers, {prune.Images.Count} images, {prune.BuildCacheEntries} build cache entries, " +
                               $"{prune.Volumes.Count} volumes, {prune.Snapshots.Count} snapshots, {prune.AbandonedDrafts.Count} abandoned drafts; {prune.SpaceReclaimed / 1e6:0.0} MB");
        foreach (var v in prune.Volumes) AnsiConsole.MarkupLine($"  volume   {Markup.Escape(v)}");
        foreach (var s in prune.Snapshots) AnsiConsole.MarkupLine($"  snapshot {Markup.Escape(s)}");
        foreach (var k in prune.Kept) AnsiConsole.MarkupLine($"  kept {k.Kind} {Markup.Escape(k.Name)}: {Markup.Escape(k.Reason)}");
    }
}
