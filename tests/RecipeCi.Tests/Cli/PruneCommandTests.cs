using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Recipes.Ci.Canonicals;
using Recipes.Ci.Locking;
using Recipes.Ci.Persistence;
using Recipes.Ci.Runs;
using Recipes.Swarm.Docker;
using Recipes.Swarm.Snapshots;
using TestKit;
using Workflows.Persistence.Configuration;

namespace RecipeCi.Tests.Cli;

/// <summary>
/// <c>recipeci prune</c> as the built executable reads what canonicals and warm dependencies' <c>last_good</c> refer
/// to from the domain database: with retention at zero snapshots per app, those two stay and the others go. Scoped
/// to this test's apps so nothing else on the machine is touched.
/// </summary>
[Trait("Category", "Services")]
public sealed class PruneCommandTests : IAsyncLifetime
{
    private readonly TempFolder _folder = new("prune-cli");
    private ServiceProvider? _db;

    private string DataDir => Path.Combine(_folder.Path, "data");
    private string SnapshotsRoot => Path.Combine(_folder.Path, "snapshots");

    public Task InitializeAsync()
    {
        var services = new ServiceCollection();
        services.AddSingleton(AppLockOptions.Default);
        services.AddRecipesPersistence(new PersistenceOptions(DatabaseProvider.Sqlite, $"Data Source={Path.Combine(DataDir, "recipeci.db")}"));
        _db = services.BuildServiceProvider();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Prune_never_removes_the_snapshots_of_canonicals_and_last_good()
    {
        // The first command migrates the domain database.
        var scope = UniqueName.For("prune");
        Assert.Equal(0, (await RecipeCiAsync("prune", "--dry-run", "--scope", scope, "--json")).Exit);

        var runApp = AppName.Parse(scope + "-run");
        var warmApp = AppName.Parse(scope + "-warm");
        var canonicalSnapshot = await SnapshotAsync(runApp);
        var oldRunSnapshot = await SnapshotAsync(runApp);
        var lastGoodSnapshot = await SnapshotAsync(warmApp);
        var oldWarmSnapshot = await SnapshotAsync(warmApp);

        var runs = _db!.GetRequiredService<RunRecords>();
        await runs.StartAsync(new RunStart("run-prune-1", "inst-prune-1", RunModes.Cold, "alpha", "main", null, null, RunTriggers.Manual, null), CancellationToken.None);
        await runs.FinishAsync("run-prune-1", RunResults.Pass, CancellationToken.None);
        await _db!.GetRequiredService<CanonicalRegistry>().PromoteAsync("run-prune-1", "aaaa1111", null, canonicalSnapshot.Value, runApp.Value, CancellationToken.None);
        await _db!.GetRequiredService<WarmDependencyStateStore>().SaveAsync(
            new WarmDependencyState("keycloak", "1.0.0", "1.0.0", lastGoodSnapshot.Value, null, DateTimeOffset.UtcNow), CancellationToken.None);

        var (exit, output) = await RecipeCiAsync("prune", "--keep-snapshots", "0", "--scope", scope, "--json");
        Assert.Equal(0, exit);
        var prune = Json(output)["prune"]!;
        Assert.Equal([$"{runApp}/{oldRunSnapshot}", $"{warmApp}/{oldWarmSnapshot}"],
            prune["snapshots"]!.AsArray().Select(s => s!.GetValue<string>()).Order(StringComparer.Ordinal));
        var referenced = prune["kept"]!.AsArray().Where(k => k!["reason"]!.GetValue<string>() == "referenced").Select(k => k!["name"]!.GetValue<string>());
        Assert.Equal([$"{runApp}/{canonicalSnapshot}", $"{warmApp}/{lastGoodSnapshot}"], referenced.Order(StringComparer.Ordinal));

        Assert.True(Directory.Exists(Path.Combine(SnapshotsRoot, runApp.Value, canonicalSnapshot.Value)));
        Assert.True(Directory.Exists(Path.Combine(SnapshotsRoot, warmApp.Value, lastGoodSnapshot.Value)));
        Assert.False(Directory.Exists(Path.Combine(SnapshotsRoot, runApp.Value, oldRunSnapshot.Value)));
        Assert.False(Directory.Exists(Path.Combine(SnapshotsRoot, warmApp.Value, oldWarmSnapshot.Value)));
    }

    /// <summary>A committed one-volume snapshot in the store the command prunes.</summary>
    private async Task<SnapshotId> SnapshotAsync(AppName app)
    {
        var store = new FileSnapshotStore(new SnapshotOptions(SnapshotsRoot), NullLogger<FileSnapshotStore>.Instance);
        await Task.Delay(5); // ids sort by their millisecond timestamp
        var id = SnapshotId.New(DateTimeOffset.UtcNow);
        var bytes = "data"u8.ToArray();
        await using var draft = store.Begin(app, id);
        await using (var volume = draft.CreateVolume("data.tar"))
            await volume.WriteAsync(bytes);
        await draft.CommitAsync(new SnapshotManifest(SnapshotManifest.CurrentFormat, app.Value, id.Value, DateTimeOffset.UtcNow, "volume",
        [
            new VolumeArchive("data", $"{app}_data", "data.tar", "local", new Dictionary<string, string>(), new Dictionary<string, string>(), null,
                bytes.Length, 1, Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes))),
        ]), CancellationToken.None);
        return id;
    }

    private async Task<(int Exit, string Output)> RecipeCiAsync(params string[] args) =>
        await RecipeCiProcess.RunAsync(args, TimeSpan.FromMinutes(2), new Dictionary<string, string>
        {
            ["RECIPECI_DataDir"] = DataDir,
            ["RECIPECI_Recipes__Root"] = Path.Combine(_folder.Path, "recipes"),
            ["RECIPECI_Recipes__TestsRoot"] = Path.Combine(_folder.Path, "recipe-tests"),
            ["RECIPECI_Snapshots__Root"] = SnapshotsRoot,
            ["RECIPECI_Alerts__Root"] = Path.Combine(_folder.Path, "alerts"),
        });

    /// <summary>The JSON document in the output: logs go to stderr, which the process output interleaves.</summary>
    private static JsonNode Json(string output)
    {
        var lines = output.Split('\n');
        var first = Array.FindIndex(lines, l => l.StartsWith('{'));
        Assert.True(first >= 0, output);
        var last = Array.FindLastIndex(lines, l => l.TrimEnd() == "}");
        return JsonNode.Parse(string.Join('\n', lines[first..(last + 1)])) ?? throw new InvalidOperationException(output);
    }

    public async Task DisposeAsync()
    {
        if (_db is not null)
            await _db.DisposeAsync();
        SqliteConnection.ClearAllPools();
        foreach (var file in Directory.Exists(SnapshotsRoot) ? Directory.GetFileSystemEntries(SnapshotsRoot, "*", SearchOption.AllDirectories) : [])
            File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        _folder.Dispose();
    }
}
