using System.Globalization;
using System.Text.Json;
using Docker.DotNet.Models;
using RecipeCi.Bench;
using Recipes.Swarm.Snapshots;
using Spectre.Console;

namespace RecipeCi.Cli;

/// <summary>
/// <c>recipeci bench snapshot --size 1GiB</c>: snapshot and restore throughput of a fresh volume beside
/// <c>tar</c> of the same folder on the same disk, with equal durability (both fsync the tar they write; neither
/// fsyncs extracted files), plus the archive API's own cap (drained into nothing beside <c>tar -cf -</c> drained
/// into nothing). See <see cref="SnapshotBenchmark"/>. A benchmark, not a test; it cleans up after itself.
/// </summary>
public sealed class BenchSnapshotCommand : ConfiguredCommand<BenchSnapshotCommand.Settings>
{
    public sealed class Settings : BenchSettings
    {
        [CommandOption("--size <SIZE>"), Description("Data to put in the volume: 1GiB, 512MiB, 100MB, ..."), DefaultValue("1GiB")]
        public string Size { get; init; } = "1GiB";

        [CommandOption("--image <IMAGE>"), Description("A local image for the never-started helper container; default: any local image.")]
        public string? Image { get; init; }

        [CommandOption("--transport <TRANSPORT>"), Description("auto (default: Snapshots:Transport), archive or direct: the transport to measure.")]
        public string? Transport { get; init; }

        public override ValidationResult Validate()
        {
            if (!ByteSize.TryParse(Size, out _)) return ValidationResult.Error($"--size '{Size}' is not a size; use e.g. 1GiB or 512MiB.");
            if (Transport is not null && TransportValue() is null) return ValidationResult.Error($"--transport '{Transport}' is not allowed; use auto, archive or direct.");
            return ValidationResult.Success();
        }

        /// <summary>The transport asked for; null for none or an unknown one.</summary>
        public SnapshotTransport? TransportValue() =>
            Enum.TryParse<SnapshotTransport>(Transport, ignoreCase: true, out var t) && Enum.IsDefined(t) && !int.TryParse(Transport, out _) ? t : null;
    }

    protected override async Task<int> RunAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        ByteSize.TryParse(settings.Size, out var size);
        await using (var configured = await SnapshotsServices.StartAsync([.. context.Remaining.Raw], cancellationToken))
        {
            // The benchmark's snapshots go to a folder of their own inside Snapshots:Root: same disk, no mixing.
            var work = Path.Combine(configured.SnapshotOptions.Root, ".bench-" + Guid.NewGuid().ToString("N")[..8]);
            await using var services = await SnapshotsServices.StartAsync([.. context.Remaining.Raw], cancellationToken, Path.Combine(work, "snapshots"), settings.TransportValue());
            var image = settings.Image ?? await AnyLocalImageAsync(services, cancellationToken);
            var benchmark = new SnapshotBenchmark(services.Docker, services.ArchiveEndpoint, services.Snapshots, services.Volumes, services.Transports, services.Direct, work, settings.Json ? TextWriter.Null : Console.Out);
            var result = await benchmark.RunAsync(size, image, cancellationToken);
            if (settings.Json)
            {
                Console.WriteLine(CliJson.Serialize(result));
                return 0;
            }
            Print(result);
            return 0;
        }
    }

    private static async Task<string> AnyLocalImageAsync(SnapshotsServices services, CancellationToken cancellationToken)
    {
        var images = await services.Docker.Images.ListImagesAsync(new ImagesListParameters(), cancellationToken);
        return images.SelectMany(i => i.RepoTags ?? []).FirstOrDefault(t => !t.StartsWith("<none>", StringComparison.Ordinal))
            ?? throw new InvalidOperationException("No local image to create the helper container from; pass --image.");
    }

    private static void Print(SnapshotBenchmarkResult r)
    {
        string F(double v) => v.ToString("0.00", CultureInfo.InvariantCulture);
        var direct = r.Transport == nameof(SnapshotTransport.Direct);
        AnsiConsole.MarkupLine($"transport: {r.Transport} ({Markup.Escape(r.TransportReason)})");
        AnsiConsole.MarkupLine($"{r.DataBytes / 1e6:0} MB in {r.Files} files; archive {r.ArchiveBytes / 1e6:0} MB; load average {F(r.LoadBefore)} before, {F(r.LoadAfter)} after");
        var table = new Table().AddColumns("Operation", "Seconds", "MB/s", "tar baseline", "tar seconds", "tar MB/s", "Ratio");
        table.AddRow("cap: archive GET drained to nothing", F(r.ApiToNullSeconds), F(r.ApiToNullMBps), "tar -cf - drained to nothing", F(r.TarToNullSeconds), F(r.TarToNullMBps), F(r.CapRatio));
        table.AddRow(direct ? "snapshot: host tar -cf - + SHA-256 + fsync" : "snapshot: archive GET + SHA-256 + fsync", F(r.SnapshotSeconds), F(r.SnapshotMBps), "tar -cf FILE + fsync FILE", F(r.TarCreateSeconds), F(r.TarCreateMBps), F(r.SnapshotRatio) + " (target ≥ 0.8)");
        table.AddRow(direct ? "restore: host tar -x + SHA-256 in one pass + swap" : "restore: verify + recreate + archive PUT", F(r.RestoreSeconds), F(r.RestoreMBps), "tar -xf into an empty folder", F(r.TarExtractSeconds), F(r.TarExtractMBps), F(r.RestoreRatio) + " (target ≥ 0.8)");
        AnsiConsole.Write(table);
        AnsiConsole.MarkupLine(direct
            ? $"a separate verify (re-hash only; the direct restore hashes while it extracts) took {F(r.RestoreVerifySeconds)} s; " +
              $"the volume's old content was deleted in the background for {F(r.OldContentDeleteSeconds)} s after the restore returned (restore + that = {F(r.RestoreSeconds + r.OldContentDeleteSeconds)} s)"
            : $"of the restore, verify (re-hash before touching the volume) took {F(r.RestoreVerifySeconds)} s");
        AnsiConsole.MarkupLine($"CPU seconds: snapshot {F(r.SnapshotCpu.Total)} (recipeci {F(r.SnapshotCpu.Recipeci)}{(direct ? " with its tar" : "")} + dockerd {F(r.SnapshotCpu.Engine)}) vs tar -cf + fsync {F(r.TarCreateCpuSeconds)}; " +
            $"restore {F(r.RestoreCpu.Total)} (recipeci {F(r.RestoreCpu.Recipeci)}{(direct ? " with its tar" : "")} + dockerd {F(r.RestoreCpu.Engine)}) vs tar -xf {F(r.TarExtractCpuSeconds)}");
        AnsiConsole.MarkupLine($"snapshot / cap = {F(r.SnapshotMBps / r.ApiToNullMBps)}: the share of the archive API's own speed the snapshot keeps");
    }
}
