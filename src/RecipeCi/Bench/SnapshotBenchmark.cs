using System.Diagnostics;
using Docker.DotNet;
using Docker.DotNet.Models;
using Recipes.Swarm.Docker;
using Recipes.Swarm.Snapshots;
using Recipes.Swarm.Volumes;

namespace RecipeCi.Bench;

/// <summary>
/// Fills a fresh volume with a mix of file sizes, then measures, side by side in one run and on the disk of the
/// snapshots root:
/// <list type="bullet">
/// <item>the engine's cap: the archive endpoint (GET) drained into nothing, beside <c>tar -cf -</c> of the volume
/// folder drained into nothing by this process (neither writes; what the archive API itself costs);</item>
/// <item>snapshot (through the transport <c>Snapshots:Transport</c> picks for the volume, or <c>--transport</c>:
/// archive API or host tar; SHA-256, fsync of the tar) beside <c>tar -cf</c> of the volume folder followed by
/// an fsync of that tar file (<c>sync FILE</c>): equal durability;</item>
/// <item>restore (archive: verify = re-hash, recreate the volume, PUT the tar; direct: extract and hash in one pass
/// into a staging folder, swap it in) beside <c>tar -xf</c> into a fresh folder;
/// neither fsyncs the extracted files.</item>
/// </list>
/// A full <c>sync</c>, untimed, separates phases. Needs the engine on this machine (the tar baseline reads the
/// volume's host folder). Cleans up after itself.
/// </summary>
public sealed class SnapshotBenchmark(IDockerClient docker, DockerArchiveEndpoint archive, VolumeSnapshots snapshots, AppVolumes volumes, VolumeTransportSelector transports, DirectVolumeArchiver direct,
    string workFolder, TextWriter progress)
{
    public async Task<SnapshotBenchmarkResult> RunAsync(long size, string helperImage, CancellationToken cancellationToken)
    {
        var app = AppName.Parse("bench-" + Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(4)));
        var volume = $"{app.Value}_data";
        Directory.CreateDirectory(workFolder);
        string? helper = null;
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

            var transport = transports.Choose((await volumes.FindAsync(app, volume, cancellationToken))!);
            progress.WriteLine($"Transport: {transport.Kind} ({transport.Reason})");
            progress.WriteLine($"Filling {volume} with {size / 1e6:0} MB ...");
            var files = await VolumeFiller.FillAsync(hostFolder, size, cancellationToken);
            await SyncAsync(cancellationToken);
            var loadBefore = ProcessFigures.LoadAverage();

            progress.WriteLine("cap: tar -cf - and the archive endpoint, both drained into nothing ...");
            var tarToNull = await TimeAsync(() => DrainProcessAsync("tar", ["-cf", "-", "-C", hostFolder, "."], cancellationToken));
            helper = await CreateHelperAsync(volume, helperImage, cancellationToken);
            var apiToNull = await TimeAsync(async () =>
            {
                await using var stream = await archive.GetAsync(helper, "/recipeci-volume", cancellationToken);
                await stream.CopyToAsync(Stream.Null, 1 << 20, cancellationToken);
            });
            await docker.Containers.RemoveContainerAsync(helper, new ContainerRemoveParameters { Force = true }, cancellationToken);
            helper = null;

            progress.WriteLine("tar -cf + fsync ...");
            var baseline = Path.Combine(workFolder, "baseline.tar");
            var tarCpu = CpuTimes.Self();
            var tarCreate = await TimeAsync(async () =>
            {
                await RunAsync("tar", ["-cf", baseline, "-C", hostFolder, "."], cancellationToken);
                await RunAsync("sync", [baseline], cancellationToken); // coreutils: fsync of that one file
            });
            var tarCreateCpu = (CpuTimes.Self() - tarCpu).Children;
            await SyncAsync(cancellationToken);

            progress.WriteLine("snapshot ...");
            SnapshotManifest manifest = null!;
            var (self, engine) = (CpuTimes.Self(), CpuTimes.Dockerd());
            var snapshot = await TimeAsync(async () => manifest = await snapshots.TakeAsync(app, helperImage, null, cancellationToken));
            var snapshotCpu = new OperationCpu((CpuTimes.Self() - self).Total, (CpuTimes.Dockerd() - engine).Total);
            await SyncAsync(cancellationToken);

            progress.WriteLine("tar -xf ...");
            var extractFolder = Path.Combine(workFolder, "extract");
            Directory.CreateDirectory(extractFolder);
            tarCpu = CpuTimes.Self();
            var tarExtract = await TimeAsync(() => RunAsync("tar", ["-xf", baseline, "-C", extractFolder], cancellationToken));
            var tarExtractCpu = (CpuTimes.Self() - tarCpu).Children;
            await SyncAsync(cancellationToken);

            progress.WriteLine("restore ...");
            var id = SnapshotId.Parse(manifest.Id);
            var verify = await TimeAsync(() => snapshots.VerifyAsync(app, id, cancellationToken));
            (self, engine) = (CpuTimes.Self(), CpuTimes.Dockerd());
            var restore = await TimeAsync(() => snapshots.RestoreAsync(app, id, helperImage, cancellationToken));
            var restoreCpu = new OperationCpu((CpuTimes.Self() - self).Total, (CpuTimes.Dockerd() - engine).Total);
            // The direct restore returns once the volume is exact; its old content is deleted after that.
            var oldContentDeleted = await TimeAsync(direct.WhenIdleAsync);

            return new SnapshotBenchmarkResult(size, files, manifest.Volumes.Sum(v => v.Size), snapshot, tarCreate, restore, verify, tarExtract,
                apiToNull, tarToNull, snapshotCpu, restoreCpu, tarCreateCpu, tarExtractCpu, loadBefore, ProcessFigures.LoadAverage())
            {
                Transport = transport.Kind.ToString(),
                TransportReason = transport.Reason,
                OldContentDeleteSeconds = oldContentDeleted,
            };
        }
        finally
        {
            if (helper is not null)
            {
                try { await docker.Containers.RemoveContainerAsync(helper, new ContainerRemoveParameters { Force = true }, CancellationToken.None); }
                catch (DockerApiException) { progress.WriteLine($"Could not remove helper container {helper}; remove it by hand."); }
            }
            try { await docker.Volumes.RemoveAsync(volume, true, CancellationToken.None); }
            catch (DockerApiException) { progress.WriteLine($"Could not remove volume {volume}; remove it by hand."); }
            if (Directory.Exists(workFolder)) Directory.Delete(workFolder, recursive: true);
        }
    }

    /// <summary>A created, never started container with the volume at /recipeci-volume, as the archiver makes it.</summary>
    private async Task<string> CreateHelperAsync(string volume, string image, CancellationToken cancellationToken)
    {
        var created = await docker.Containers.CreateContainerAsync(new CreateContainerParameters
        {
            Image = image,
            Entrypoint = ["/recipeci-helper-never-started"],
            Cmd = [],
            Labels = new Dictionary<string, string> { [DockerVolumeArchiver.HelperLabel] = "bench" },
            NetworkDisabled = true,
            HostConfig = new HostConfig
            {
                NetworkMode = "none",
                Mounts = [new Mount { Type = "volume", Source = volume, Target = "/recipeci-volume", ReadOnly = true, VolumeOptions = new VolumeOptions { NoCopy = true } }],
            },
        }, cancellationToken);
        return created.ID;
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

    /// <summary>
    /// Runs the command and reads its stdout into nothing. Not <c>tar -cf /dev/null</c>: GNU tar notices /dev/null
    /// and then skips reading file contents.
    /// </summary>
    private static async Task DrainProcessAsync(string file, string[] args, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args) start.ArgumentList.Add(a);
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {file}.");
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.StandardOutput.BaseStream.CopyToAsync(Stream.Null, 1 << 20, cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        if (process.ExitCode != 0) throw new InvalidOperationException($"{file} {string.Join(' ', args)} exited {process.ExitCode}: {await stderr}");
    }
}
