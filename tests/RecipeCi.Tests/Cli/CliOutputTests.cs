using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Recipes.Ci.Locking;
using Recipes.Ci.Persistence;
using Recipes.Ci.Runs;
using TestKit;
using Workflows.Persistence.Configuration;

namespace RecipeCi.Tests.Cli;

/// <summary>
/// What the CLI prints, run as a user types it (the built executable, stdout a pipe as in a CI log): plain whole
/// columns when piped or with <c>--output plain</c>, tables as wide as <c>COLUMNS</c>, readable JSON with numbers as
/// numbers, help whose examples are never broken.
/// </summary>
public sealed partial class CliOutputTests : IAsyncLifetime
{
    private const string LongRunId = "0f1e2d3c4b5a69788796a5b4c3d2e1f0";
    private const string Reason = "assert: 1/2 tests failed (login) — échec à l'étape «login»";
    private readonly TempFolder _folder = new("cli-output");
    private ServiceProvider? _db;

    private string DataDir => Path.Combine(_folder.Path, "data");

    public async Task InitializeAsync()
    {
        var services = new ServiceCollection();
        services.AddSingleton(AppLockOptions.Default);
        services.AddRecipesPersistence(new PersistenceOptions(DatabaseProvider.Sqlite, $"Data Source={Path.Combine(DataDir, "recipeci.db")}"));
        _db = services.BuildServiceProvider();
        Directory.CreateDirectory(DataDir);
        await _db.GetRequiredService<RecipesDatabaseMigrator>().MigrateAsync(CancellationToken.None);
        var runs = _db.GetRequiredService<RunRecords>();
        await runs.StartAsync(new RunStart(LongRunId, "inst-1", RunModes.Quick, "gamma", "1.0.0+1.0", "abc", "12", RunTriggers.Webhook, null), CancellationToken.None);
        await runs.SetReportAsync(LongRunId, "/reports/" + LongRunId + "/junit.xml", "<testsuites><testsuite name=\"gamma\"/></testsuites>", CancellationToken.None);
        await runs.SetResultAsync(LongRunId, RunResults.Fail, CancellationToken.None, Reason);
        await runs.FinishAsync(LongRunId, RunResults.Fail, CancellationToken.None);
    }

    [Fact]
    public async Task Piped_runs_labels_prints_a_header_and_one_whole_line_per_run()
    {
        foreach (var args in new[] { new[] { "runs", "labels" }, ["runs", "labels", "--output", "plain"] })
        {
            // A narrow COLUMNS changes nothing in plain output: nothing is cut or wrapped.
            var (exit, output) = await RecipeCiAsync(args, columns: 40);
            Assert.True(exit == 0, output);
            var lines = Stdout(output);
            Assert.Equal(2, lines.Count);
            Assert.Matches("^Run +Mode +Recipe +Ref +PR +Trigger +Result +Reason", lines[0]);
            Assert.Matches($"^{LongRunId}  +quick +gamma +1\\.0\\.0\\+1\\.0 +12 +webhook +fail +{Regex.Escape(Reason)}", lines[1]);
            Assert.DoesNotContain('│', output);
            Assert.DoesNotContain('|', output);
        }
    }

    [Fact]
    public async Task A_table_is_as_wide_as_COLUMNS_says_and_too_narrow_a_terminal_gets_plain_columns()
    {
        // Wide enough for the table: a table (box lines: Unicode on a UTF-8 console, ASCII otherwise), the run id whole
        // (it never wraps), no line wider than COLUMNS.
        var (exit, output) = await RecipeCiAsync(["runs", "labels", "--output", "table"], 220);
        Assert.True(exit == 0, output);
        var table = Stdout(output).Where(l => l.Length > 0).ToList();
        Assert.Contains(table, l => (l.Contains('│') || l.Contains('|')) && l.Contains(LongRunId));
        Assert.All(table, l => Assert.True(l.Length <= 220, $"COLUMNS=220 but a line is {l.Length} wide:\n{output}"));

        // Twelve columns, a 32-character id and a long report path cannot fit 40 (or 130) columns: whole plain columns
        // rather than a table of "…".
        var (narrowExit, narrow) = await RecipeCiAsync(["runs", "labels", "--output", "table"], 40);
        Assert.True(narrowExit == 0, narrow);
        Assert.Matches($"^{LongRunId}  +quick", Stdout(narrow)[1]);
    }

    [Fact]
    public async Task Json_keeps_plus_and_accents_readable_and_numbers_as_numbers()
    {
        var (exit, output) = await RecipeCiAsync(["runs", "labels", "--json"]);
        Assert.True(exit == 0, output);
        Assert.Contains("\"ref\": \"1.0.0+1.0\"", output);
        Assert.Contains("échec à l'étape «login»", output);
        Assert.DoesNotContain("\\u00", output);
        var run = JsonNode.Parse(string.Join('\n', Stdout(output)))!.AsArray()[0]!;
        Assert.Equal(JsonValueKind.Number, run["pr"]!.GetValueKind());
        Assert.Equal(12, run["pr"]!.GetValue<int>());
        Assert.Equal(JsonValueKind.Number, run["deployCount"]!.GetValueKind());
    }

    [Fact]
    public async Task Runs_show_takes_the_run_id_prints_the_report_path_and_with_report_the_xml_itself()
    {
        const string apiKey = "cli-output-test-key-0123456789";
        var url = $"http://127.0.0.1:{FreePort.Next()}";
        await using var server = RecipeCiProcess.Start(
            ["serve", "--urls", url, "--DataDir", DataDir, "--Ci:ApiKey", apiKey, "--Docker:Endpoint", "unix:///nonexistent/docker.sock"],
            workingDirectory: _folder.Path);
        using (var http = new HttpClient())
            using (await HttpWait.UntilAnswersAsync(http, url + "/health", TimeSpan.FromSeconds(90), () => server.Output)) { }
        string[] Show(params string[] more) => ["runs", "show", LongRunId, "--server", url, "--api-key", apiKey, .. more];

        var (exit, output) = await RecipeCiAsync(Show());
        Assert.True(exit == 0, output);
        var fields = Stdout(output);
        Assert.Contains(fields, l => Regex.IsMatch(l, $"^reportPath +/reports/{LongRunId}/junit\\.xml$"));
        Assert.Contains(fields, l => Regex.IsMatch(l, $"^runId +{LongRunId}$"));
        Assert.Contains(fields, l => Regex.IsMatch(l, "^pr +12$"));

        (exit, output) = await RecipeCiAsync(Show("--report"));
        Assert.True(exit == 0, output);
        Assert.Equal("<testsuites><testsuite name=\"gamma\"/></testsuites>", string.Join('\n', Stdout(output)));

        (exit, output) = await RecipeCiAsync(Show("--json"));
        Assert.True(exit == 0, output);
        var run = JsonNode.Parse(string.Join('\n', Stdout(output)))!;
        Assert.Equal(LongRunId, run["runId"]!.GetValue<string>());
        Assert.Equal(12, run["pr"]!.GetValue<int>());
        Assert.Contains("1.0.0+1.0", output);

        (exit, output) = await RecipeCiAsync(["runs", "show", "0000aaaa0000aaaa0000aaaa0000aaaa", "--report", "--server", url, "--api-key", apiKey]);
        Assert.Equal(1, exit);
        Assert.Contains("No run or workflow instance '0000aaaa0000aaaa0000aaaa0000aaaa'", output);
    }

    [Theory]
    [InlineData(null)]
    [InlineData(60)]
    public async Task Help_never_breaks_an_example_and_wraps_descriptions_to_COLUMNS(int? columns)
    {
        var (exit, output) = await RecipeCiAsync(["runs", "list", "--help"], columns);
        Assert.Equal(0, exit);
        var lines = output.Split('\n').Select(l => l.TrimEnd()).ToList();
        Assert.Contains("    recipeci runs list --server http://127.0.0.1:5080 --api-key KEY --sub-status Faulted", lines);
        if (columns is { } width)
            Assert.All(lines.Where(l => !l.Contains("recipeci runs list --server", StringComparison.Ordinal)), l => Assert.True(l.Length <= width, $"'{l}' is wider than {width}"));
        else
            Assert.Contains(lines, l => l.Contains("--output <FORMAT>") && l.Contains("or json"));
    }

    private async Task<(int Exit, string Output)> RecipeCiAsync(string[] args, int? columns = null)
    {
        var env = new Dictionary<string, string>
        {
            ["RECIPECI_DataDir"] = DataDir,
            ["RECIPECI_Recipes__Root"] = Path.Combine(_folder.Path, "recipes"),
            ["RECIPECI_Recipes__TestsRoot"] = Path.Combine(_folder.Path, "recipe-tests"),
            ["RECIPECI_Snapshots__Root"] = Path.Combine(_folder.Path, "snapshots"),
            ["RECIPECI_Alerts__Root"] = Path.Combine(_folder.Path, "alerts"),
            ["COLUMNS"] = columns?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "",
        };
        return await RecipeCiProcess.RunAsync(args, TimeSpan.FromMinutes(1), env, _folder.Path);
    }

    /// <summary>The output without the log lines (stderr, in serve's format), which the process output interleaves.</summary>
    private static List<string> Stdout(string output)
    {
        var lines = output.Split('\n').Select(l => l.TrimEnd('\r')).Where(l => !LogLine().IsMatch(l)).ToList();
        while (lines.Count > 0 && lines[^1].Length == 0)
            lines.RemoveAt(lines.Count - 1);
        return lines;
    }

    [GeneratedRegex(@"^\[\d\d:\d\d:\d\d [A-Z]{3}\] ")]
    private static partial Regex LogLine();

    public async Task DisposeAsync()
    {
        if (_db is not null)
            await _db.DisposeAsync();
        SqliteConnection.ClearAllPools();
        _folder.Dispose();
    }
}
