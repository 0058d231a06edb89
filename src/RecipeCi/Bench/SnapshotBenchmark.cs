using System.Diagnostics;
using Docker.DotNet;
using Docker.DotNet.Models;
using Recipes.Swarm.Docker;
using Recipes.Swarm.Snapshots;
using Recipes.Swarm.Volumes;

namespace RecipeCi.Bench;

/// <summary>
/// Fills a fresh volume with a mix of file sizes, then times a snapshot and a restore against <c>tar -cf</c> of
/// the same volume folder and <c>tar -xf</c> into a fresh folder, all on the disk of the snapshots root. Needs
/// the engine on this machine (the tar baseline reads the volume's host folder). Cleans up after itself.
/// </summary>
public sealed class SnapshotBenchmark(IDockerClient docker, VolumeSnapshots snapshots, string workFolder, TextWriter progress)
{
    public async Task<SnapshotBenchmarkResult> RunAsync(long size, string helperImage, CancellationToken cancellationToken)
    {
        var app = AppName.Parse("bench-" + Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(4)));
        var volume = $"{app.Value}_data";
        Directory.CreateDirectory(workFolder);
        try
        {
            await docker.Volumes.CreateAsync(new VolumesCreateParameters
            {
                Name = volume,
                Labels = new Dictionary<string, string> { [Labels.StackNamespace] = app.Value, [Labels.App] = app.Value, [Labels.Role] = "run" },
            }, cancellationToken);
            var hostFolder = (await docker.Volumes.InspectAsync(volume, cancellationToken)).Mountpoint;
            if (!Directory.Exists(hostFolder))
                throw new InvalidOperationException($"The volume folder {hostFolder} is not on this machine; the tar baseline needs a local engine.");

            progress.WriteLine($"Filling {volume} with {size / 1e6:0} MB ...");
            var files = await VolumeFiller.FillAsync(hostFolder, size, cancellationToken);
            await SyncAsync(cancellationToken);

            progress.WriteLine("tar -cf ...");
            var baseline = Path.Combine(workFolder, "baseline.tar");
            var tarCreate = await TimeAsync(() => RunAsync("tar", ["-cf", baseline, "-C", hostFolder, "."], cancellationToken));
            await SyncAsync(cancellationToken);

            progress.WriteLine("snapshot ...");
            SnapshotManifest manifest = null!;
            var snapshot = await TimeAsync(async () => manifest = await snapshots.TakeAsync(app, helperImage, null, cancellationToken));
            await SyncAsync(cancellationToken);

            progress.WriteLine("tar -xf ...");
            var extractFolder = Path.Combine(workFolder, "extract");
            Directory.CreateDirectory(extractFolder);
            var tarExtract = await TimeAsync(() => RunAsync("tar", ["-xf", baseline, "-C", extractFolder], cancellationToken));
            await SyncAsync(cancellationToken);

            progress.WriteLine("restore ...");
            var id = SnapshotId.Parse(manifest.Id);
            var verify = await TimeAsync(() => snapshots.VerifyAsync(app, id, cancellationToken));
            var restore = await TimeAsync(() => snapshots.RestoreAsync(app, id, helperImage, cancellationToken));

            return new SnapshotBenchmarkResult(size, files, manifest.Volumes.Sum(v => v.Size), snapshot, tarCreate, restore, verify, tarExtract);
        }
        finally
        {
            try { await docker.Volumes.RemoveAsync(volume, true, CancellationToken.None); }
            catch (DockerApiException) { progress.WriteLine($"Could not remove volume {volume}; remove it by hand."); }
            if (Directory.Exists(workFolder)) Directory.Delete(workFolder, recursive: true);
        }
    }

    private static async Task<double> TimeAsync(Func<Task> action)
    {
        var watch = Stopwatch.StartNew();
        await action();
        return watch.Elapsed.TotalSeconds;
    }

    /// <summary>Flushes dirty pages between phases, untimed, so one phase's write-back does not slow the next.</summary>
    private static Task SyncAsync(CancellationToken cancellationToken) => RunAsync("sync", [], cancellationToken);

    private static async Task RunAsync(string file, string[] args, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardError = true };
        foreach (var a in args) start.ArgumentList.Add(a);
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {file}.");
        var stderr = await process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        if (process.ExitCode != 0) throw new InvalidOperationException($"{file} {string.Join(' ', args)} exited {process.ExitCode}: {stderr}");
    }
}
