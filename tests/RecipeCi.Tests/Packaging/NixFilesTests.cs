using System.Diagnostics;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using TestKit;

namespace RecipeCi.Tests.Packaging;

/// <summary>
/// The NixOS module and package in nix/: every file parses (nix-instantiate --parse, Debian's nix-bin), and
/// the NuGet lock nix/deps.json matches what src/RecipeCi restores, so an offline nix build finds every package.
/// No nixpkgs is available here, so evaluation and building are out of reach; parsing and the lock are not.
/// </summary>
public sealed class NixFilesTests
{
    private static readonly string NixFolder = Path.Combine(TestEnvironment.RepositoryRoot, "nix");

    public static TheoryData<string> NixFiles()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.GetFiles(NixFolder, "*.nix", SearchOption.AllDirectories).Order())
            data.Add(Path.GetRelativePath(TestEnvironment.RepositoryRoot, file));
        return data;
    }

    [Fact]
    public void The_module_and_the_package_exist()
    {
        Assert.True(File.Exists(Path.Combine(NixFolder, "module.nix")));
        Assert.True(File.Exists(Path.Combine(NixFolder, "package.nix")));
    }

    [Theory]
    [MemberData(nameof(NixFiles))]
    public async Task Every_nix_file_parses(string relativePath)
    {
        var (exitCode, output) = await RunAsync("nix-instantiate", "--parse", Path.Combine(TestEnvironment.RepositoryRoot, relativePath));
        Assert.True(exitCode == 0, $"nix-instantiate --parse {relativePath} failed:\n{output}");
    }

    [Fact]
    public void Deps_lock_lists_every_package_reference_of_the_server_with_an_sri_hash()
    {
        var deps = ReadDeps();
        Assert.NotEmpty(deps);
        // A package may be locked at several versions (projects of the solution can resolve different ones).
        var locked = deps.ToLookup(d => d.Name, d => d.Version, StringComparer.OrdinalIgnoreCase);
        foreach (var (name, version, hash) in deps)
        {
            Assert.Matches(new Regex(@"^\d+\.\d+\.\d+"), version);
            // sha256 in SRI form: 32 bytes, base64.
            Assert.True(hash.StartsWith("sha256-") && Convert.FromBase64String(hash["sha256-".Length..]).Length == 32,
                $"{name} {version}: hash '{hash}' is not sha256-<base64 of 32 bytes>");
        }

        // Every central version that src/RecipeCi restores (directly, through a project reference, or
        // transitively, where central pinning applies the same version) is in the lock at that version.
        var central = XDocument.Load(Path.Combine(TestEnvironment.RepositoryRoot, "Directory.Packages.props"))
            .Descendants("PackageVersion")
            .ToDictionary(e => (string)e.Attribute("Include")!, e => (string)e.Attribute("Version")!, StringComparer.OrdinalIgnoreCase);
        var restored = RestoredPackages();
        var missing = new List<string>();
        foreach (var (name, version) in central.Where(p => restored.ContainsKey(p.Key)))
            if (!locked[name].Contains(version))
                missing.Add($"{name} {version} (lock has {(locked.Contains(name) ? string.Join(", ", locked[name]) : "nothing")})");
        Assert.True(missing.Count == 0, "nix/deps.json is stale; run nix/update-deps.sh. Missing: " + string.Join(", ", missing));

        // And the whole restore graph, not only the central lines.
        var unlocked = restored.Where(p => !locked[p.Key].Contains(p.Value)).Select(p => $"{p.Key} {p.Value}").ToList();
        Assert.True(unlocked.Count == 0, "nix/deps.json is stale; run nix/update-deps.sh. Missing: " + string.Join(", ", unlocked));
        Assert.True(locked.Contains("Serilog.AspNetCore"));
    }

    [Fact]
    public void The_shipped_builds_publish_ready_to_run_and_the_lock_holds_its_compiler()
    {
        // ReadyToRun cuts serve's start CPU by about a third; offline builds (nix, the Docker test bases) need the
        // crossgen compiler and the runtime packs it compiles against, at the version this SDK picks (its runtime's).
        Assert.Contains("-p:PublishReadyToRun=true", File.ReadAllText(Path.Combine(NixFolder, "package.nix")));
        var dockerfile = File.ReadAllText(Path.Combine(TestEnvironment.RepositoryRoot, "docker", "Dockerfile"));
        Assert.Matches(new Regex(@"dotnet publish [^\n]*\\\n[^\n]*-p:PublishReadyToRun=true"), dockerfile);
        var runtime = $"{Environment.Version.Major}.{Environment.Version.Minor}.{Environment.Version.Build}";
        var locked = ReadDeps().Select(d => $"{d.Name} {d.Version}").ToHashSet(StringComparer.OrdinalIgnoreCase);
        foreach (var pack in new[] { "Microsoft.NETCore.App.Crossgen2.linux-x64", "Microsoft.NETCore.App.Runtime.linux-x64", "Microsoft.AspNetCore.App.Runtime.linux-x64" })
            Assert.True(locked.Contains($"{pack} {runtime}"), $"nix/deps.json lacks {pack} {runtime}; run nix/update-deps.sh");
    }

    [Fact]
    public void Deps_lock_hashes_match_the_restored_nupkg_files()
    {
        var cache = Environment.GetEnvironmentVariable("NUGET_PACKAGES")
                    ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        var checkedCount = 0;
        foreach (var (name, version, hash) in ReadDeps())
        {
            var lower = name.ToLowerInvariant();
            var nupkg = Path.Combine(cache, lower, version.ToLowerInvariant(), $"{lower}.{version.ToLowerInvariant()}.nupkg");
            if (!File.Exists(nupkg)) continue; // restored elsewhere (another NUGET_PACKAGES); the lock test covers presence
            using var stream = File.OpenRead(nupkg);
            Assert.Equal(hash, "sha256-" + Convert.ToBase64String(System.Security.Cryptography.SHA256.HashData(stream)));
            checkedCount++;
        }
        Assert.True(checkedCount > 0, $"no .nupkg of nix/deps.json found under {cache}");
    }

    private static List<(string Name, string Version, string Hash)> ReadDeps()
    {
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(NixFolder, "deps.json")));
        return json.RootElement.EnumerateArray()
            .Select(e => (e.GetProperty("pname").GetString()!, e.GetProperty("version").GetString()!, e.GetProperty("hash").GetString()!))
            .ToList();
    }

    // The packages restore resolved for src/RecipeCi (project.assets.json exists after any build of the tests).
    private static Dictionary<string, string> RestoredPackages()
    {
        var assets = Path.Combine(TestEnvironment.RepositoryRoot, "src", "RecipeCi", "obj", "project.assets.json");
        using var json = JsonDocument.Parse(File.ReadAllText(assets));
        return json.RootElement.GetProperty("libraries").EnumerateObject()
            .Where(l => l.Value.GetProperty("type").GetString() == "package")
            .Select(l => l.Name.Split('/'))
            .ToDictionary(p => p[0], p => p[1], StringComparer.OrdinalIgnoreCase);
    }

    private static async Task<(int ExitCode, string Output)> RunAsync(string file, params string[] args)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args) start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));
        return (process.ExitCode, await stdout + await stderr);
    }
}
