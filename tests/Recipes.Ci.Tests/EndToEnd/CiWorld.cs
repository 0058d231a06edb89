using System.Formats.Tar;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Docker.DotNet.Models;
using Microsoft.Extensions.DependencyInjection;
using Recipes.Ci.Canonicals;
using Recipes.Ci.Locking;
using Recipes.Ci.Persistence;
using Recipes.Ci.Runs;
using Recipes.Swarm.Docker;
using Recipes.Swarm.Snapshots;
using Recipes.Swarm.Volumes;
using Microsoft.Extensions.Logging.Abstractions;
using TestKit;
using Workflows.Persistence.Configuration;

namespace Recipes.Ci.Tests.EndToEnd;

/// <summary>
/// One isolated recipe-CI installation for a test: its own data dir (domain DB, work trees, snapshots), recipes
/// copied from the fixtures under unique names with their own port, and the Docker objects those apps create
/// (removed at the end). Flows run through the real recipeci executable.
/// </summary>
public sealed class CiWorld : IAsyncDisposable
{
    private readonly TempFolder _folder = new("ci-world");
    private readonly DockerResources _docker;
    private readonly List<string> _recipes = [];
    private ServiceProvider? _db;

    public CiWorld(DockerFixture fixture) => _docker = fixture.Track();

    public string DataDir => Path.Combine(_folder.Path, "data");
    public string RecipesRoot => Path.Combine(_folder.Path, "recipes");
    public string TestsRoot => Path.Combine(_folder.Path, "recipe-tests");
    public string SnapshotsRoot => Path.Combine(_folder.Path, "snapshots");

    /// <summary>Copies fixture <paramref name="fixture"/> as a uniquely named recipe with its own port.</summary>
    public string AddRecipe(string fixture = "ci-app", int initSeconds = 0)
    {
        var name = UniqueName.For("ci");
        new FixtureRecipes().CreateRepository(fixture, RecipesRoot, name);
        Directory.CreateDirectory(Path.Combine(TestsRoot, name));
        File.WriteAllText(Path.Combine(TestsRoot, name, ".env"), $"PORT={FreePort.Next()}\nINIT_SECONDS={initSeconds}\n");
        _recipes.Add(name);
        return name;
    }

    public int PortOf(string recipe) =>
        int.Parse(File.ReadAllLines(Path.Combine(TestsRoot, recipe, ".env")).First(l => l.StartsWith("PORT=", StringComparison.Ordinal))[5..]);

    public Dictionary<string, string> Environment(IDictionary<string, string>? extra = null)
    {
        var env = new Dictionary<string, string>
        {
            ["RECIPECI_DataDir"] = DataDir,
            ["RECIPECI_Recipes__Root"] = RecipesRoot,
            ["RECIPECI_Recipes__TestsRoot"] = TestsRoot,
            ["RECIPECI_Snapshots__Root"] = SnapshotsRoot,
            ["RECIPECI_Alerts__Root"] = Path.Combine(_folder.Path, "alerts"),
            ["RECIPECI_Ci__AppLockPoll"] = "1",
            ["RECIPECI_Ci__AppLockLease"] = "20",
            ["RECIPECI_Ci__UndeployTimeout"] = "60",
        };
        foreach (var (key, value) in extra ?? new Dictionary<string, string>()) env[key] = value;
        return env;
    }

    public static string[] RunArgs(string flow, params (string Key, string Value)[] inputs) =>
        ["run", Path.Combine(TestEnvironment.RepositoryRoot, "workflows", flow + ".json"), "--json",
            .. inputs.SelectMany(i => new[] { "--input", $"{i.Key}={i.Value}" })];

    /// <summary>Runs a flow to its end and returns the exit code and the workflow output object.</summary>
    public async Task<(int ExitCode, JsonObject Output, string Raw)> RunAsync(string flow, IDictionary<string, string>? env, params (string Key, string Value)[] inputs)
    {
        var (code, raw) = await RecipeCiProcess.RunAsync(RunArgs(flow, inputs), TimeSpan.FromMinutes(4), Environment(env));
        // The --json object starts with its instance id; log lines before it may hold braces of their own.
        var start = raw.IndexOf("{\"instanceId\"", StringComparison.Ordinal) is var j and >= 0 ? j
            : raw.IndexOf("{\n", StringComparison.Ordinal) is var i and >= 0 ? i : raw.IndexOf('{');
        JsonObject output = [];
        try
        {
            output = JsonNode.Parse(raw[start..])?["output"] as JsonObject ?? [];
        }
        catch (System.Text.Json.JsonException)
        {
            // Not JSON: the assertions print the raw output.
        }
        return (code, output, raw);
    }

    public T Get<T>() where T : notnull
    {
        if (_db is null)
        {
            var services = new ServiceCollection();
            services.AddSingleton(AppLockOptions.Default);
            services.AddRecipesPersistence(new PersistenceOptions(DatabaseProvider.Sqlite, $"Data Source={Path.Combine(DataDir, "recipeci.db")}"));
            _db = services.BuildServiceProvider();
        }
        return _db.GetRequiredService<T>();
    }

    public Task<Canonical?> CanonicalAsync(string recipe) => Get<CanonicalRegistry>().GetAsync(recipe, CancellationToken.None);

    /// <summary>The served mark of the recipe's canonical app (null when it is not served untouched).</summary>
    public Task<ServedCanonical?> ServedAsync(string recipe) => Get<CanonicalServing>().GetAsync(recipe, CancellationToken.None);

    /// <summary>The recipe version label (<c>coop-cloud.&lt;app&gt;.version</c>) of the app's deployed services, or null when none is deployed.</summary>
    public async Task<string?> DeployedVersionAsync(string app)
    {
        var services = await _docker.Client.Swarm.ListServicesAsync(new ServiceListParameters
        {
            Filters = new Dictionary<string, IDictionary<string, bool>> { ["label"] = new Dictionary<string, bool> { [$"{Labels.StackNamespace}={app}"] = true } },
        });
        return services.Select(s => s.Spec?.Labels?.TryGetValue($"coop-cloud.{app}.version", out var v) == true ? v : null).FirstOrDefault(v => v is not null)
               ?? (services.Count > 0 ? "" : null);
    }

    public Task<RunRecord?> RunRecordAsync(string runId) => Get<RunRecords>().GetAsync(runId, CancellationToken.None);

    /// <summary>Every file of the app's volume as path → SHA-256, read through the archive API.</summary>
    public async Task<Dictionary<string, string>> VolumeFilesAsync(string volume, string image)
    {
        using var buffer = new MemoryStream();
        using var endpoint = new DockerArchiveEndpoint(new DockerOptions(TestEnvironment.DockerEndpoint));
        await new DockerVolumeArchiver(_docker.Client, endpoint, NullLogger<DockerVolumeArchiver>.Instance).ExportAsync(volume, null, image, buffer, CancellationToken.None);
        buffer.Position = 0;
        return await TarFilesAsync(buffer);
    }

    /// <summary>Every file of a snapshot's volume tar as path → SHA-256.</summary>
    public async Task<Dictionary<string, string>> SnapshotFilesAsync(Canonical canonical, string volumeShortName)
    {
        var store = new FileSnapshotStore(new SnapshotOptions(SnapshotsRoot), NullLogger<FileSnapshotStore>.Instance);
        var app = AppName.Parse(canonical.SnapshotApp);
        var id = SnapshotId.Parse(canonical.SnapshotId);
        var manifest = await store.FindAsync(app, id, CancellationToken.None) ?? throw new InvalidOperationException("snapshot missing");
        var volume = manifest.Volumes.Single(v => v.Name == volumeShortName);
        await using var tar = store.OpenVolume(app, id, volume.File);
        return await TarFilesAsync(tar);
    }

    private static async Task<Dictionary<string, string>> TarFilesAsync(Stream tar)
    {
        var files = new Dictionary<string, string>(StringComparer.Ordinal);
        await using var reader = new TarReader(tar);
        while (await reader.GetNextEntryAsync() is { } entry)
        {
            var hash = "dir";
            if (entry.DataStream is not null)
                hash = Convert.ToHexStringLower(await SHA256.HashDataAsync(entry.DataStream));
            else if (entry.EntryType is not TarEntryType.Directory)
                hash = entry.EntryType + ":" + entry.LinkName;
            files[entry.Name.TrimEnd('/')] = hash;
        }
        return files;
    }

    public async ValueTask DisposeAsync()
    {
        // Track every stack and volume our recipes' apps made, whatever ran (ci-<recipe>-*, warm-<recipe>).
        var volumes = await _docker.Client.Volumes.ListAsync(new VolumesListParameters());
        foreach (var recipe in _recipes)
        {
            _docker.Stack($"warm-{recipe}");
            var services = await _docker.Client.Swarm.ListServicesAsync(new ServiceListParameters());
            foreach (var s in services.Where(s => s.Spec?.Name?.StartsWith($"ci-{recipe}-", StringComparison.Ordinal) == true))
                _docker.Stack(s.Spec!.Labels?.TryGetValue(Labels.StackNamespace, out var stack) == true ? stack : s.Spec.Name!);
            foreach (var v in volumes.Volumes ?? [])
                if (v.Name.StartsWith($"warm-{recipe}_", StringComparison.Ordinal) || v.Name.StartsWith($"ci-{recipe}-", StringComparison.Ordinal))
                    _docker.Volume(v.Name);
        }
        await _docker.DisposeAsync();
        if (_db is not null)
            await _db.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _folder.Dispose();
    }
}
