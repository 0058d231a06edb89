using System.Diagnostics;
using System.Formats.Tar;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Docker.DotNet;
using Docker.DotNet.Models;
using TestKit;

namespace RecipeCi.Tests.Packaging;

/// <summary>
/// Stand-ins for mcr.microsoft.com/dotnet/aspnet:10.0 and sdk:10.0, made from this host since no registry is
/// reachable: <c>FROM scratch</c> with the host's .NET (runtime folders, or all of /usr/share/dotnet for the
/// SDK), the shared libraries <c>ldd</c> names for them, static busybox as /bin/sh and the few tools the
/// Dockerfile's RUN steps use, an <c>app</c> user (1654) like Microsoft's images, and globalization-invariant
/// mode (no ICU). The SDK image also carries the NuGet packages of nix/deps.json in /root/.nuget/packages,
/// so <c>dotnet restore</c> in the build stage finds every package without a feed (no package source is
/// configured, and NuGetAudit=false, an MSBuild property taken from the environment, since audit needs a feed).
/// Each image is labelled with a hash of what went in and rebuilt only when that changes.
/// </summary>
public sealed class LocalDotnetImages(IDockerClient docker)
{
    public const string RuntimeReference = "recipeci-test/dotnet-runtime:10";
    public const string SdkReference = "recipeci-test/dotnet-sdk:10";
    private const string HashLabel = "recipeci.test.content-sha256";
    private static readonly string DotnetRoot = FindDotnetRoot();

    public Task<string> EnsureRuntimeAsync(CancellationToken ct) => EnsureAsync(RuntimeReference, sdk: false, ct);

    public Task<string> EnsureSdkAsync(CancellationToken ct) => EnsureAsync(SdkReference, sdk: true, ct);

    private async Task<string> EnsureAsync(string reference, bool sdk, CancellationToken ct)
    {
        var files = await CollectAsync(sdk, ct);
        var hash = ContentHash(files);
        var existing = await docker.Images.ListImagesAsync(new ImagesListParameters
        {
            Filters = new Dictionary<string, IDictionary<string, bool>>
            {
                ["reference"] = new Dictionary<string, bool> { [reference] = true },
                ["label"] = new Dictionary<string, bool> { [$"{HashLabel}={hash}"] = true },
            },
        }, ct);
        if (existing.Count > 0) return reference;

        var dockerfile = $"""
            FROM scratch
            COPY rootfs/ /
            ENV PATH=/usr/share/dotnet:/usr/local/bin:/usr/bin:/bin DOTNET_ROOT=/usr/share/dotnet HOME=/root \
                DOTNET_SYSTEM_GLOBALIZATION_INVARIANT=1 DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 APP_UID=1654 \
                NuGetAudit=false
            LABEL {HashLabel}={hash}
            CMD ["/bin/sh"]
            """;
        await BuildAsync(docker, reference, dockerfile, files, ct);
        return reference;
    }

    /// <summary>Builds <paramref name="dockerfile"/> with <paramref name="files"/> (context path → host path).</summary>
    internal static async Task BuildAsync(IDockerClient docker, string reference, string dockerfile,
        IReadOnlyDictionary<string, string> files, CancellationToken ct, IDictionary<string, string>? buildArgs = null, string dockerfilePath = "Dockerfile")
    {
        // The SDK context is close to a gigabyte: stream it from a temporary file, not memory.
        var contextPath = Path.GetTempFileName();
        try
        {
            await using (var file = File.Create(contextPath))
            await using (var tar = new TarWriter(file, TarEntryFormat.Pax, leaveOpen: false))
            {
                if (dockerfilePath == "Dockerfile")
                    await tar.WriteEntryAsync(new PaxTarEntry(TarEntryType.RegularFile, "Dockerfile")
                    { Mode = (UnixFileMode)0b110_100_100, DataStream = new MemoryStream(Encoding.UTF8.GetBytes(dockerfile)) }, ct);
                foreach (var (name, source) in files.OrderBy(f => f.Key, StringComparer.Ordinal))
                {
                    if (name.EndsWith('/'))
                    {
                        await tar.WriteEntryAsync(new PaxTarEntry(TarEntryType.Directory, name) { Mode = (UnixFileMode)Convert.ToInt32(source, 8) }, ct);
                        continue;
                    }
                    var info = new FileInfo(source);
                    if (info.LinkTarget is { } link && !source.StartsWith("/lib", StringComparison.Ordinal))
                        await tar.WriteEntryAsync(new PaxTarEntry(TarEntryType.SymbolicLink, name) { LinkName = link }, ct);
                    else
                        // Library symlinks (libc.so.6 -> libc-2.36.so) are stored as the file they point at.
                        await tar.WriteEntryAsync(new PaxTarEntry(TarEntryType.RegularFile, name)
                        { Mode = File.GetUnixFileMode(source), DataStream = File.OpenRead(source) }, ct);
                }
                foreach (var (link, target) in BusyboxLinks(files))
                    await tar.WriteEntryAsync(new PaxTarEntry(TarEntryType.SymbolicLink, link) { LinkName = target }, ct);
            }

            var messages = new StringBuilder();
            await using (var context = File.OpenRead(contextPath))
                await docker.Images.BuildImageFromDockerfileAsync(
                    new ImageBuildParameters { Tags = [reference], Remove = true, ForceRemove = true, Dockerfile = dockerfilePath, BuildArgs = buildArgs },
                    context, [], new Dictionary<string, string>(),
                    new Progress<JSONMessage>(m => { lock (messages) messages.Append(m.Error?.Message ?? m.Stream ?? ""); }), ct);

            var built = await docker.Images.ListImagesAsync(new ImagesListParameters
            {
                Filters = new Dictionary<string, IDictionary<string, bool>> { ["reference"] = new Dictionary<string, bool> { [reference] = true } },
            }, ct);
            if (built.Count == 0)
                throw new InvalidOperationException($"Building {reference} failed:\n{messages}");
        }
        finally
        {
            File.Delete(contextPath);
        }
    }

    // Context path → host path ("rootfs/..." entries); directories end with '/' and map to an octal mode.
    private static async Task<Dictionary<string, string>> CollectAsync(bool sdk, CancellationToken ct)
    {
        var files = new Dictionary<string, string>(StringComparer.Ordinal);
        void AddTree(string hostFolder, string imageFolder)
        {
            foreach (var path in Directory.EnumerateFileSystemEntries(hostFolder, "*", SearchOption.AllDirectories))
            {
                var entry = "rootfs" + imageFolder + "/" + Path.GetRelativePath(hostFolder, path);
                if (Directory.Exists(path) && new DirectoryInfo(path).LinkTarget is null) files[entry + "/"] = "755";
                else files[entry] = path;
            }
        }

        files["rootfs/usr/share/dotnet/dotnet"] = Path.Combine(DotnetRoot, "dotnet");
        var dotnetFolders = sdk ? Directory.GetDirectories(DotnetRoot).Select(Path.GetFileName).ToArray() : ["host", "shared"];
        foreach (var folder in dotnetFolders) AddTree(Path.Combine(DotnetRoot, folder!), "/usr/share/dotnet/" + folder);

        // Shared libraries of the host and every native library of .NET (missing ones, such as lttng for the
        // optional trace provider, are simply not there, as in a slim image).
        // OpenSSL is not linked but loaded at run time (hashing, TLS), so it is added by name with what it needs.
        var natives = files.Values.Where(p => p.EndsWith(".so", StringComparison.Ordinal) || p.EndsWith("/dotnet", StringComparison.Ordinal))
            .Concat(OpenSsl()).Distinct().ToList();
        foreach (var library in OpenSsl()) files["rootfs" + library] = library;
        foreach (var library in await LddAsync(natives, ct))
            files["rootfs" + library] = library;

        files["rootfs/bin/busybox"] = TestEnvironment.BusyboxPath;
        files["rootfs/etc/passwd"] = WriteTemp("root:x:0:0:root:/root:/bin/sh\napp:x:1654:1654:app:/home/app:/bin/sh\n");
        files["rootfs/etc/group"] = WriteTemp("root:x:0:\napp:x:1654:\n");
        files["rootfs/tmp/"] = "1777";
        files["rootfs/root/"] = "700";
        files["rootfs/home/app/"] = "755";

        if (sdk)
        {
            var cache = Environment.GetEnvironmentVariable("NUGET_PACKAGES")
                        ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
            using var deps = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(TestEnvironment.RepositoryRoot, "nix", "deps.json"), ct));
            foreach (var package in deps.RootElement.EnumerateArray())
            {
                var id = package.GetProperty("pname").GetString()!.ToLowerInvariant();
                var version = package.GetProperty("version").GetString()!.ToLowerInvariant();
                var folder = Path.Combine(cache, id, version);
                if (!Directory.Exists(folder))
                    throw new InvalidOperationException(
                        $"NuGet package {id} {version} (nix/deps.json) is not in {cache}; restore as the shipped builds do: " +
                        "dotnet restore src/RecipeCi/RecipeCi.csproj -r linux-x64 -p:PublishReadyToRun=true (tests/run does).");
                AddTree(folder, $"/root/.nuget/packages/{id}/{version}");
            }
            // Offline: no package source, so restore takes everything from /root/.nuget/packages instead of failing
            // on nuget.org's service index.
            files["rootfs/root/.nuget/NuGet/NuGet.Config"] = WriteTemp(
                "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<configuration><packageSources><clear /></packageSources></configuration>\n");
        }
        return files;
    }

    private static IEnumerable<(string Link, string Target)> BusyboxLinks(IReadOnlyDictionary<string, string> files) =>
        files.ContainsKey("rootfs/bin/busybox")
            ? new[] { "sh", "mkdir", "chown", "cp", "cat", "ls", "rm", "hostname", "wget", "env" }.Select(a => ($"rootfs/bin/{a}", "busybox"))
            : [];

    private static string ContentHash(IReadOnlyDictionary<string, string> files)
    {
        var listing = new StringBuilder();
        foreach (var (name, source) in files.OrderBy(f => f.Key, StringComparer.Ordinal))
        {
            listing.Append(name).Append('\t');
            if (name.EndsWith('/')) listing.Append(source);
            else if (!name.Contains("/etc/")) { var info = new FileInfo(source); listing.Append(info.Length).Append('\t').Append(info.LastWriteTimeUtc.Ticks); }
            listing.Append('\n');
        }
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(listing.ToString())));
    }

    private static async Task<IReadOnlyCollection<string>> LddAsync(IEnumerable<string> binaries, CancellationToken ct)
    {
        var libraries = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var binary in binaries)
        {
            var start = new ProcessStartInfo("ldd", [binary]) { RedirectStandardOutput = true, RedirectStandardError = true };
            using var process = Process.Start(start)!;
            var output = await process.StandardOutput.ReadToEndAsync(ct);
            await process.WaitForExitAsync(ct);
            foreach (var line in output.Split('\n'))
            {
                // "libm.so.6 => /lib/x86_64-linux-gnu/libm.so.6 (0x...)" or "/lib64/ld-linux-x86-64.so.2 (0x...)"
                var path = line.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries).FirstOrDefault(p => p.StartsWith('/'));
                if (path is not null && File.Exists(path) && !path.StartsWith(DotnetRoot, StringComparison.Ordinal)) libraries.Add(path);
            }
        }
        return libraries;
    }

    private static IEnumerable<string> OpenSsl() =>
        new[] { "/lib/x86_64-linux-gnu/libssl.so.3", "/lib/x86_64-linux-gnu/libcrypto.so.3", "/usr/lib/x86_64-linux-gnu/libssl.so.3", "/usr/lib/x86_64-linux-gnu/libcrypto.so.3" }
            .Where(File.Exists).GroupBy(Path.GetFileName).Select(g => g.First());

    private static string WriteTemp(string content)
    {
        var path = Path.Combine(Path.GetTempPath(), "recipeci-image-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(content)))[..16]);
        File.WriteAllText(path, content);
        return path;
    }

    private static string FindDotnetRoot()
    {
        var root = Environment.GetEnvironmentVariable("DOTNET_ROOT");
        if (!string.IsNullOrEmpty(root) && File.Exists(Path.Combine(root, "dotnet"))) return root;
        // The running runtime is <root>/shared/Microsoft.NETCore.App/<version>/.
        return Path.GetFullPath(Path.Combine(System.Runtime.InteropServices.RuntimeEnvironment.GetRuntimeDirectory(), "..", "..", ".."));
    }
}
