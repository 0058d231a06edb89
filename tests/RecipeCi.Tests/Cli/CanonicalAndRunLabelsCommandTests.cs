using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Recipes.Ci.Canonicals;
using Recipes.Ci.Locking;
using Recipes.Ci.Persistence;
using Recipes.Ci.Runs;
using TestKit;
using Workflows.Persistence.Configuration;

namespace RecipeCi.Tests.Cli;

/// <summary>
/// <c>recipeci canonical list|show</c> and <c>recipeci runs labels</c> against a domain database seeded through the
/// real registry and run-record classes, run as the built executable.
/// </summary>
public sealed class CanonicalAndRunLabelsCommandTests : IAsyncLifetime
{
    private readonly TempFolder _folder = new("canonical-cli");
    private ServiceProvider? _db;

    private string DataDir => Path.Combine(_folder.Path, "data");

    public async Task InitializeAsync()
    {
        var services = new ServiceCollection();
        services.AddSingleton(AppLockOptions.Default);
        services.AddRecipesPersistence(new PersistenceOptions(DatabaseProvider.Sqlite, $"Data Source={Path.Combine(DataDir, "recipeci.db")}"));
        _db = services.BuildServiceProvider();
        // The database a server made; read-only commands never create one.
        Directory.CreateDirectory(DataDir);
        await _db.GetRequiredService<RecipesDatabaseMigrator>().MigrateAsync(CancellationToken.None);
    }

    [Fact]
    public async Task Canonical_list_and_show_print_what_green_cold_runs_promoted()
    {
        // An empty database: there is nothing to list yet.
        var (exit, output) = await RecipeCiAsync("canonical", "list", "--json");
        Assert.Equal(0, exit);
        Assert.Empty(Json(output).AsArray());

        await SeedColdRunAsync("run-alpha-1", "alpha", "v1.0.0", RunResults.Pass);
        await Registry.PromoteAsync("run-alpha-1", "aaaa1111", "1.0.0", "snap-a", "ci-alpha-run-alph", CancellationToken.None);
        await SeedColdRunAsync("run-beta-1", "beta", "main", RunResults.Pass);
        await Registry.PromoteAsync("run-beta-1", "bbbb2222", null, "snap-b", "ci-beta-run-beta", CancellationToken.None);
        // beta's canonical app is served untouched; alpha's is not.
        await _db!.GetRequiredService<CanonicalServing>().MarkServedAsync((await Registry.GetAsync("beta", CancellationToken.None))!, CancellationToken.None);

        (exit, output) = await RecipeCiAsync("canonical", "list", "--json");
        Assert.Equal(0, exit);
        var list = Json(output).AsArray();
        Assert.Equal(["alpha", "beta"], list.Select(c => c!["recipe"]!.GetValue<string>()));
        var alpha = list[0]!;
        Assert.Equal("aaaa1111", alpha["commit"]!.GetValue<string>());
        Assert.Equal("1.0.0", alpha["version"]!.GetValue<string>());
        Assert.Equal("snap-a", alpha["snapshot"]!.GetValue<string>());
        Assert.Equal("run-alpha-1", alpha["run"]!.GetValue<string>());
        Assert.True(DateTimeOffset.UtcNow - alpha["promotedAt"]!.GetValue<DateTimeOffset>() < TimeSpan.FromMinutes(5));
        Assert.Null(alpha["servedAt"]);
        Assert.NotNull(list[1]!["servedAt"]);

        (exit, output) = await RecipeCiAsync("canonical", "show", "beta", "--json");
        Assert.Equal(0, exit);
        var beta = Json(output);
        Assert.Equal("bbbb2222", beta["commit"]!.GetValue<string>());
        Assert.Null(beta["version"]);
        Assert.Equal("run-beta-1", beta["run"]!.GetValue<string>());

        (exit, output) = await RecipeCiAsync("canonical", "show", "beta");
        Assert.Equal(0, exit);
        Assert.Contains("bbbb2222", output);
        Assert.Contains("Served warm", output);
        Assert.Contains("since ", output);
    }

    [Fact]
    public async Task Canonical_show_of_a_recipe_without_canonical_exits_1_with_a_message()
    {
        var (exit, output) = await RecipeCiAsync("canonical", "show", "nothing-here", "--json");
        Assert.Equal(1, exit);
        Assert.Contains("'nothing-here' has no canonical", output);
    }

    [Fact]
    public async Task Runs_labels_lists_run_records_newest_first_and_filters_by_recipe()
    {
        Assert.Equal(0, (await RecipeCiAsync("runs", "labels", "--json")).Exit);
        var runs = Runs;
        await SeedColdRunAsync("run-gamma-1", "gamma", "v1.0.0", RunResults.Pass);
        await runs.AddDeployAsync("run-gamma-1", CancellationToken.None);
        await runs.AddPhaseAsync("run-gamma-1", "deploy", TimeSpan.FromSeconds(2.5), CancellationToken.None);
        await runs.SetReportAsync("run-gamma-1", "/reports/run-gamma-1/junit.xml", "<testsuites/>", CancellationToken.None);
        await Task.Delay(50);
        await runs.StartAsync(new RunStart("run-gamma-2", "inst-2", RunModes.Quick, "gamma", "pr-head", "abc", "12", RunTriggers.Webhook, null), CancellationToken.None);
        await SeedColdRunAsync("run-delta-1", "delta", "main", RunResults.Fail);
        await runs.SetResultAsync("run-delta-1", RunResults.Fail, CancellationToken.None, "assert: 1/2 tests failed (login)\nlogin: expected 200, got 502");

        var (exit, output) = await RecipeCiAsync("runs", "labels", "--recipe", "gamma", "--json");
        Assert.Equal(0, exit);
        var list = Json(output).AsArray();
        Assert.Equal(["run-gamma-2", "run-gamma-1"], list.Select(r => r!["runId"]!.GetValue<string>()));
        var quick = list[0]!;
        Assert.Equal("quick", quick["mode"]!.GetValue<string>());
        Assert.Equal(12, quick["pr"]!.GetValue<int>());
        Assert.Equal("webhook", quick["trigger"]!.GetValue<string>());
        Assert.Null(quick["result"]);
        Assert.Null(quick["durationSeconds"]);
        var cold = list[1]!;
        Assert.Equal("cold", cold["mode"]!.GetValue<string>());
        Assert.Equal("pass", cold["result"]!.GetValue<string>());
        Assert.Equal(1, cold["deployCount"]!.GetValue<int>());
        Assert.Equal(2.5, cold["phaseSeconds"]!["deploy"]!.GetValue<double>());
        Assert.Equal("/reports/run-gamma-1/junit.xml", cold["reportPath"]!.GetValue<string>());
        Assert.NotNull(cold["durationSeconds"]);

        (exit, output) = await RecipeCiAsync("runs", "labels", "--json");
        Assert.Equal(0, exit);
        Assert.Equal(3, Json(output).AsArray().Count);

        (exit, output) = await RecipeCiAsync("runs", "labels", "--recipe", "delta");
        Assert.Equal(0, exit);
        Assert.Contains("run-delta-1", output);
        Assert.Contains("fail", output);

        (exit, output) = await RecipeCiAsync("runs", "labels", "--recipe", "delta", "--json");
        Assert.Equal(0, exit);
        Assert.Equal("assert: 1/2 tests failed (login)\nlogin: expected 200, got 502", Json(output)[0]!["reason"]!.GetValue<string>());
        Assert.Null(cold["reason"]);
    }

    private CanonicalRegistry Registry => _db!.GetRequiredService<CanonicalRegistry>();

    private RunRecords Runs => _db!.GetRequiredService<RunRecords>();

    private async Task SeedColdRunAsync(string runId, string recipe, string gitRef, string result)
    {
        await Runs.StartAsync(new RunStart(runId, "inst-" + runId, RunModes.Cold, recipe, gitRef, null, null, RunTriggers.Manual, null), CancellationToken.None);
        await Runs.FinishAsync(runId, result, CancellationToken.None);
    }

    private async Task<(int Exit, string Output)> RecipeCiAsync(params string[] args) =>
        await RecipeCiProcess.RunAsync(args, TimeSpan.FromMinutes(1), new Dictionary<string, string>
        {
            ["RECIPECI_DataDir"] = DataDir,
            ["RECIPECI_Recipes__Root"] = Path.Combine(_folder.Path, "recipes"),
            ["RECIPECI_Recipes__TestsRoot"] = Path.Combine(_folder.Path, "recipe-tests"),
            ["RECIPECI_Snapshots__Root"] = Path.Combine(_folder.Path, "snapshots"),
            ["RECIPECI_Alerts__Root"] = Path.Combine(_folder.Path, "alerts"),
        });

    /// <summary>The JSON document in the output: logs go to stderr, which the process output interleaves.</summary>
    private static JsonNode Json(string output)
    {
        var lines = output.Split('\n');
        // Log lines start "[HH:mm:ss LVL]"; the JSON starts with "[" alone, "[]" or "{".
        var first = Array.FindIndex(lines, l => l.TrimEnd() is "[" or "[]" || l.StartsWith('{'));
        Assert.True(first >= 0, output);
        var last = Array.FindLastIndex(lines, l => l.TrimEnd().EndsWith(']') || l.TrimEnd().EndsWith('}'));
        return JsonNode.Parse(string.Join('\n', lines[first..(last + 1)])) ?? throw new InvalidOperationException(output);
    }

    public async Task DisposeAsync()
    {
        if (_db is not null)
            await _db.DisposeAsync();
        SqliteConnection.ClearAllPools();
        _folder.Dispose();
    }
}
