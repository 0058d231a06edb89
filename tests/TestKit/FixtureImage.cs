using System.Diagnostics;
using System.Formats.Tar;
using System.Security.Cryptography;
using Docker.DotNet;
using Docker.DotNet.Models;

namespace TestKit;

/// <summary>
/// The local fixture image: <c>FROM scratch</c> with Debian's static busybox and one symlink per applet
/// (sh, httpd, wget, ...). No registry is reachable, so every test image is built here, through the Docker
/// Engine API. The build is skipped when an image with the same busybox hash already exists.
/// </summary>
public sealed class FixtureImage(IDockerClient docker)
{
    public const string Repository = "recipeci-fixture/busybox";
    public const string Tag = "1";
    public const string Reference = Repository + ":" + Tag;
    private const string HashLabel = "recipeci.fixture.busybox-sha256";

    public async Task<string> EnsureBuiltAsync(CancellationToken cancellationToken = default)
    {
        var busybox = TestEnvironment.BusyboxPath;
        if (!File.Exists(busybox))
            throw new InvalidOperationException($"{busybox} is missing: install Debian's busybox-static (tests/run does).");
        var hash = Convert.ToHexStringLower(SHA256.HashData(await File.ReadAllBytesAsync(busybox, cancellationToken)));

        var existing = await docker.Images.ListImagesAsync(new ImagesListParameters
        {
            Filters = new Dictionary<string, IDictionary<string, bool>>
            {
                ["reference"] = new Dictionary<string, bool> { [Reference] = true },
                ["label"] = new Dictionary<string, bool> { [$"{HashLabel}={hash}"] = true },
            },
        }, cancellationToken);
        if (existing.Count > 0) return Reference;

        using var context = await BuildContextAsync(busybox, hash, cancellationToken);
        var messages = new List<string>();
        await docker.Images.BuildImageFromDockerfileAsync(
            new ImageBuildParameters { Tags = [Reference], Remove = true, ForceRemove = true },
            context, [], new Dictionary<string, string>(),
            new Progress<JSONMessage>(m => { lock (messages) messages.Add(m.Error?.Message ?? m.Stream ?? ""); }),
            cancellationToken);

        var built = await docker.Images.ListImagesAsync(new ImagesListParameters
        {
            Filters = new Dictionary<string, IDictionary<string, bool>> { ["reference"] = new Dictionary<string, bool> { [Reference] = true } },
        }, cancellationToken);
        if (built.Count == 0)
            throw new InvalidOperationException("Building the fixture image failed: " + string.Join("", messages));
        return Reference;
    }

    private static async Task<MemoryStream> BuildContextAsync(string busyboxPath, string hash, CancellationToken cancellationToken)
    {
        var stream = new MemoryStream();
        await using (var tar = new TarWriter(stream, TarEntryFormat.Pax, leaveOpen: true))
        {
            var dockerfile = $"FROM scratch\nCOPY rootfs/ /\nLABEL {HashLabel}={hash}\nCMD [\"/bin/sh\"]\n";
            await WriteFileAsync(tar, "Dockerfile", System.Text.Encoding.UTF8.GetBytes(dockerfile), UnixFileMode.UserRead | UnixFileMode.GroupRead | UnixFileMode.OtherRead, cancellationToken);
            await WriteFileAsync(tar, "rootfs/bin/busybox", await File.ReadAllBytesAsync(busyboxPath, cancellationToken),
                UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute,
                cancellationToken);
            foreach (var applet in await ListAppletsAsync(busyboxPath, cancellationToken))
            {
                var link = new PaxTarEntry(TarEntryType.SymbolicLink, "rootfs/bin/" + applet) { LinkName = "busybox" };
                await tar.WriteEntryAsync(link, cancellationToken);
            }
            foreach (var dir in new[] { "rootfs/tmp/", "rootfs/data/", "rootfs/www/" })
            {
                var entry = new PaxTarEntry(TarEntryType.Directory, dir) { Mode = (UnixFileMode)0b111_111_111 };
                await tar.WriteEntryAsync(entry, cancellationToken);
            }
        }
        stream.Position = 0;
        return stream;
    }

    private static async Task WriteFileAsync(TarWriter tar, string name, byte[] content, UnixFileMode mode, CancellationToken cancellationToken)
    {
        var entry = new PaxTarEntry(TarEntryType.RegularFile, name) { Mode = mode, DataStream = new MemoryStream(content) };
        await tar.WriteEntryAsync(entry, cancellationToken);
    }

    private static async Task<IReadOnlyList<string>> ListAppletsAsync(string busyboxPath, CancellationToken cancellationToken)
    {
        using var process = Process.Start(new ProcessStartInfo(busyboxPath, "--list") { RedirectStandardOutput = true })
            ?? throw new InvalidOperationException("Could not run " + busyboxPath);
        var output = await process.StandardOutput.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        return output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(a => a != "busybox").ToList();
    }
}
