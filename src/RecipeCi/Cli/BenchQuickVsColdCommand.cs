using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using System.Text.Json.Nodes;
using LibGit2Sharp;
using Recipes.Swarm.Docker;
using Recipes.Swarm.Stacks;
using Spectre.Console;
using Workflows.Core.Definitions;
using Workflows.Core.Management;
using Workflows.Core.Activities;
using Workflows.Core.Persistence;
using Workflows.Core.Runtime;

namespace RecipeCi.Cli;

/// <summary>
/// <c>recipeci bench quick-vs-cold</c>: on a throw-away copy of a fixture recipe whose first boot spends
/// <c>--init-seconds</c> initialising its data, one cold run (which seeds the canonical) then one quick run to a
/// newer ref, both through the real flows in this process like <c>recipeci run</c>. Prints both wall times (each
/// flow's instance, from created to finished), their ratio and the deploy counts, and apart from them the time of
/// the work each flow dispatched without waiting (serve-canonical: serving the canonical again for the next run),
/// which runs after the flow's result. Everything it made (stacks, volumes, folders) is removed afterwards.
/// </summary>
public sealed class BenchQuickVsColdCommand : ConfiguredCommand<BenchQuickVsColdCommand.Settings>
{
    private static readonly Signature Author = new("recipeci bench", "bench@recipeci.invalid", DateTimeOffset.UnixEpoch);

    public sealed class Settings : BenchSettings
    {
        [CommandOption("--fixture <DIR>"), Description("Fixture recipe: one folder per version (default tests/fixtures/recipes/ci-app).")]
        public string Fixture { get; init; } = Path.Combine("tests", "fixtures", "recipes", "ci-app");

        [CommandOption("--cold-ref <REF>"), Description("Version the cold run deploys (default 1.0.0+1.0).")]
        public string ColdRef { get; init; } = "1.0.0+1.0";

        [CommandOption("--quick-ref <REF>"), Description("Newer version the quick run upgrades to (default 1.1.0+1.0).")]
        public string QuickRef { get; init; } = "1.1.0+1.0";

        [CommandOption("--init-seconds <N>"), Description("INIT_SECONDS of the recipe's first boot (default 15).")]
        public int InitSeconds { get; init; } = 15;

        [CommandOption("--workflows-dir <DIR>"), Description("Where quick.json, cold.json and their children are (default ./workflows).")]
        public string WorkflowsDir { get; init; } = "workflows";
    }

    protected override async Task<int> RunAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        if (!Directory.Exists(settings.Fixture) || !Directory.Exists(settings.WorkflowsDir))
        {
            await Console.Error.WriteLineAsync($"Needs the fixture recipe {settings.Fixture} and the flows in {settings.WorkflowsDir}; run from the repository root.");
            return 2;
        }
        var root = Path.Combine(Path.GetTempPath(), $"recipeci-bench-{Guid.NewGuid():N}"[..28]);
        var recipe = $"bench{Guid.NewGuid():N}"[..13];
        try
        {
            CreateRecipe(settings.Fixture, Path.Combine(root, "recipes", recipe));
            Directory.CreateDirectory(Path.Combine(root, "recipe-tests", recipe));
            await File.WriteAllTextAsync(Path.Combine(root, "recipe-tests", recipe, ".env"),
                $"PORT={FreePort()}\nINIT_SECONDS={settings.InitSeconds}\n", cancellationToken);
            // The bench's own installation: its settings come last so they win over the environment and flags.
            string[] configuration =
            [
                .. context.Remaining.Raw,
                $"--DataDir={Path.Combine(root, "data")}", $"--Recipes:Root={Path.Combine(root, "recipes")}",
                $"--Recipes:TestsRoot={Path.Combine(root, "recipe-tests")}", $"--Snapshots:Root={Path.Combine(root, "snapshots")}",
                $"--Alerts:Root={Path.Combine(root, "alerts")}", "--Persistence:Provider=Sqlite",
            ];
            await using var services = await CommandServices.StartAsync(configuration, cancellationToken);
            var cold = await RunFlowAsync(services, settings.WorkflowsDir, "cold.json", recipe, settings.ColdRef, cancellationToken);
            try
            {
                var quick = await RunFlowAsync(services, settings.WorkflowsDir, "quick.json", recipe, settings.QuickRef, cancellationToken);
                Report(settings, recipe, cold, quick);
                return cold.Result == "pass" && quick.Result == "pass" ? 0 : 1;
            }
            finally
            {
                await CleanUpAsync(services, recipe, cold.RunId);
            }
        }
        finally
        {
            if (Directory.Exists(root))
                Directory.Delete(root, recursive: true);
        }
    }

    /// <summary>One flow's figures; the output fields are those quick.json and cold.json both set.</summary>
    /// <param name="Wall">The flow's instance from created to finished.</param>
    /// <param name="Dispatched">What ran after it finished: the workflows it dispatched without waiting.</param>
    private sealed record FlowRun(string Flow, TimeSpan Wall, TimeSpan Dispatched, string RunId, string Mode, string Result, int DeployCount, string Status, IReadOnlyList<FlowStep> Steps);

    /// <summary>One activity of the flow's journal and its wall time, to show where a run spends its time.</summary>
    private sealed record FlowStep(string Activity, double Seconds);

    private static async Task<FlowRun> RunFlowAsync(CommandServices services, string workflowsDir, string file, string recipe, string gitRef, CancellationToken cancellationToken)
    {
        var lines = new CollectingWriteLineSink();
        var host = new InProcessWorkflowHost(services.Get<ActivityRegistry>(), lines, services: services.Services);
        StoredWorkflowDefinition? target = null;
        // Every flow is imported so quick finds its cold fallback and cold its promote-on-green. Like recipeci run, one
        // that does not validate here (it needs activities of the server, e.g. ci.json) is skipped unless it is the target.
        foreach (var path in Directory.GetFiles(workflowsDir, "*.json").Order(StringComparer.Ordinal))
        {
            try
            {
                var definition = await host.DefinitionService.ImportAsync(await File.ReadAllTextAsync(path, cancellationToken), path, cancellationToken);
                if (Path.GetFileName(path) == file)
                    target = definition;
            }
            catch (WorkflowValidationException) when (Path.GetFileName(path) != file)
            {
            }
        }
        if (target is null)
            throw new FileNotFoundException($"{file} is not in {workflowsDir}.");
        var input = new JsonObject
        {
            ["Recipe"] = recipe,
            ["Ref"] = gitRef,
            ["Trigger"] = "manual",
            ["HealthUrl"] = "http://127.0.0.1:${PORT}/health",
        };
        var watch = Stopwatch.StartNew();
        var result = await host.Runner.RunAsync(target, new WorkflowStartOptions { Input = input }, cancellationToken);
        watch.Stop();
        var json = await RunResultJson.BuildAsync(host, result, lines, CancellationToken.None);
        var output = json["output"] as JsonObject ?? [];
        var steps = (json["journal"] as JsonArray ?? []).OfType<JsonObject>()
            .Where(e => e["startedAt"] is not null && e["completedAt"] is not null)
            .Select(e => new FlowStep(Text(e["activityId"]),
                (e["completedAt"]!.GetValue<DateTimeOffset>() - e["startedAt"]!.GetValue<DateTimeOffset>()).TotalSeconds))
            .ToList();
        var wall = (result.FinishedAt ?? result.UpdatedAt) - result.CreatedAt;
        return new FlowRun(file, wall, watch.Elapsed - wall, Text(output["RunId"]), Text(output["Mode"]), Text(output["Result"]),
            int.TryParse(Text(output["DeployCount"]), CultureInfo.InvariantCulture, out var deploys) ? deploys : -1, $"{result.Status}/{result.SubStatus}", steps);
    }

    private static string Text(JsonNode? node) => node is null ? "" : node.GetValueKind() == JsonValueKind.String ? node.GetValue<string>() : node.ToJsonString();

    private static void Report(Settings settings, string recipe, FlowRun cold, FlowRun quick)
    {
        var ratio = quick.Wall.TotalSeconds / cold.Wall.TotalSeconds;
        if (settings.Json)
        {
            Console.WriteLine(new JsonObject
            {
                ["recipe"] = recipe,
                ["initSeconds"] = settings.InitSeconds,
                ["cold"] = Json(cold),
                ["quick"] = Json(quick),
                ["ratio"] = Math.Round(ratio, 3),
            }.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
            return;
        }
        var table = new Table().AddColumns("Run", "Mode", "Result", "Wall (s)", "Deploys", "Status", "Then dispatched (s)");
        foreach (var run in new[] { cold, quick })
            table.AddRow(Markup.Escape(run.Flow), Markup.Escape(run.Mode), Markup.Escape(run.Result),
                run.Wall.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture), run.DeployCount.ToString(CultureInfo.InvariantCulture), Markup.Escape(run.Status),
                run.Dispatched.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture));
        AnsiConsole.Write(table);
        foreach (var run in new[] { cold, quick })
            AnsiConsole.MarkupLine(Markup.Escape($"{run.Flow} steps: " + string.Join(", ", run.Steps.Select(
                st => $"{st.Activity} {st.Seconds.ToString("0.0", CultureInfo.InvariantCulture)}s"))));
        AnsiConsole.MarkupLine($"quick/cold = [bold]{ratio.ToString("0.000", CultureInfo.InvariantCulture)}[/] (first boot initialises for {settings.InitSeconds} s)");
        AnsiConsole.MarkupLine(Markup.Escape("Then dispatched: serve-canonical (restore the canonical's data, deploy the canonical commit) after each run, " +
            "holding warm-<recipe>'s lock; a quick run that starts meanwhile waits for it, or restores and deploys the canonical itself."));
    }

    private static JsonObject Json(FlowRun run) => new()
    {
        ["runId"] = run.RunId,
        ["mode"] = run.Mode,
        ["result"] = run.Result,
        ["status"] = run.Status,
        ["wallSeconds"] = Math.Round(run.Wall.TotalSeconds, 3),
        ["dispatchedSeconds"] = Math.Round(run.Dispatched.TotalSeconds, 3),
        ["deployCount"] = run.DeployCount,
        ["steps"] = new JsonArray(run.Steps.Select(st => (JsonNode)new JsonObject
        {
            ["activity"] = st.Activity,
            ["seconds"] = Math.Round(st.Seconds, 3),
        }).ToArray()),
    };

    /// <summary>Removes the bench recipe's canonical and the cold run's app with their volumes, whatever the flows left.</summary>
    private static async Task CleanUpAsync(CommandServices services, string recipe, string coldRunId)
    {
        var remover = services.Get<IStackRemover>();
        var apps = new List<AppName> { AppName.Parse($"warm-{recipe}") };
        if (coldRunId.Length > 0)
            apps.Add(Recipes.Ci.Runs.RunApps.Cold(recipe, coldRunId));
        foreach (var app in apps)
            await remover.UndeployAsync(app, purgeVolumes: true, TimeSpan.FromMinutes(2), CancellationToken.None);
    }

    /// <summary>A git repo with one commit and annotated tag per version folder, in the folders' version order.</summary>
    private static void CreateRecipe(string fixture, string path)
    {
        Directory.CreateDirectory(path);
        Repository.Init(path);
        using var repo = new Repository(path);
        var versions = Directory.GetDirectories(fixture).Select(Path.GetFileName).OfType<string>()
            .Where(n => Semver.SemVersion.TryParse(n, Semver.SemVersionStyles.Strict, out _))
            .OrderBy(n => Semver.SemVersion.Parse(n, Semver.SemVersionStyles.Strict), Semver.SemVersion.PrecedenceComparer);
        foreach (var version in versions)
        {
            foreach (var entry in Directory.EnumerateFileSystemEntries(path).Where(e => Path.GetFileName(e) != ".git"))
            {
                if (Directory.Exists(entry)) Directory.Delete(entry, recursive: true); else File.Delete(entry);
            }
            var source = Path.Combine(fixture, version);
            foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
            {
                var target = Path.Combine(path, Path.GetRelativePath(source, file));
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                File.Copy(file, target);
            }
            Commands.Stage(repo, "*");
            var commit = repo.Commit($"Release {version}", Author, Author, new CommitOptions { AllowEmptyCommit = true });
            repo.ApplyTag(version, commit.Sha, Author, $"Release {version}");
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
