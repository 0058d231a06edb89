using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Workflows.Core.Definitions;
using Workflows.Core.Management;
using Workflows.Core.Activities;
using Workflows.Core.Persistence;
using Workflows.Core.Runtime;

namespace RecipeCi.Cli;

/// <summary>
/// <c>recipeci run &lt;file|definitionId&gt;</c>: runs one workflow to the end in this process (timers included) with
/// in-memory stores. A definition id is looked up in <c>./workflows/*.json</c>. A flow whose outputs carry
/// <c>Result</c> (the recipe runs) exits 0 on <c>pass</c>, 1 on <c>fail</c>, 2 on <c>error</c>, and ends with the line
/// <c>result: fail (assert: 1/2 tests failed (schema)) report: &lt;path&gt; · quick Finished/Finished in 41.2 s, 23 steps,
/// 0 incidents, instance …</c>; any other flow ends with that summary alone and exits 0 when Finished and 1 when
/// Faulted, Cancelled or left waiting. Bad input (a missing file, an unknown or misspelt --input) exits 2. While it
/// runs it shows the current step (<see cref="RunProgress"/>); logs go to stderr in serve's format.
/// </summary>
public sealed class RunCommand : AsyncCommand<RunCommand.Settings>
{
    public sealed class Settings : CommandSettings
    {
        [CommandArgument(0, "<WORKFLOW>"), Description("A workflow JSON file, or a definition id found in ./workflows/*.json.")]
        public string Workflow { get; init; } = string.Empty;

        [CommandOption("--input <NAME=VALUE>"), Description("A workflow input; the value is read as JSON when it parses, else as text. Repeatable.")]
        public string[] Inputs { get; init; } = [];

        [CommandOption("--json"), Description("Print one JSON object with the final state instead of progress.")]
        public bool Json { get; init; }

        [CommandOption("--workflows-dir <DIR>"), Description("Where definition ids are looked up (default ./workflows).")]
        public string WorkflowsDir { get; init; } = "workflows";
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var lines = new CollectingWriteLineSink();
        if (!TryParseInputs(settings.Inputs, out var input, out var inputError))
            return Fail(inputError);
        CommandServices recipeCi;
        try
        {
            recipeCi = await CommandServices.StartAsync([.. context.Remaining.Raw], cancellationToken);
        }
        catch (Configuration.ConfigurationException e)
        {
            return Fail(e.Message);
        }
        await using var _ = recipeCi;
        // The Recipes.* activities run with the domain services; the engine's own stores stay in memory. The engine
        // logs like serve (Serilog, on stderr) and its per-step log scopes drive the progress display.
        var progress = new RunProgress(quiet: settings.Json);
        var engineLogger = new RunStepLogger(recipeCi.Get<ILoggerFactory>().CreateLogger("Workflows.Engine"), progress.OnStep);
        var host = new InProcessWorkflowHost(recipeCi.Get<ActivityRegistry>(),
            settings.Json ? lines : new TeeWriteLineSink(lines, new ProgressLineSink(progress)), services: recipeCi.Services, logger: engineLogger);

        StoredWorkflowDefinition definition;
        try
        {
            var (json, file) = Locate(settings);
            if (RunInputCheck.Problem(WorkflowDefinitionDocument.Parse(json), input) is { } inputProblem)
                return Fail(inputProblem);
            definition = await ImportWithSiblingsAsync(host, json, file, cancellationToken);
        }
        catch (WorkflowValidationException e)
        {
            return Fail(string.Join(Environment.NewLine, e.Problems));
        }
        catch (Exception e) when (e is IOException or JsonException or KeyNotFoundException or UnauthorizedAccessException)
        {
            return Fail(e.Message);
        }

        host.Runner.Progress += progress.OnInstance;
        var started = TimeProvider.System.GetTimestamp();
        var result = await progress.RunAsync(() => host.Runner.RunAsync(definition, new WorkflowStartOptions { Input = input }, cancellationToken));
        var summary = RunSummary.Line(result, TimeProvider.System.GetElapsedTime(started), progress.Steps);

        if (settings.Json)
            Console.Out.WriteLine(CliJson.Write(await RunResultJson.BuildAsync(host, result, lines, CancellationToken.None), oneLine: true));
        var output = WorkflowJson.ParseObject(result.OutputJson);
        if (output["Result"] is not JsonValue resultValue || !resultValue.TryGetValue<string>(out var runResult))
        {
            if (!settings.Json)
                Console.Out.WriteLine(summary);
            return result is { Status: WorkflowStatus.Finished, SubStatus: WorkflowSubStatus.Finished } ? 0 : 1;
        }
        if (!settings.Json)
            Console.Out.WriteLine(ResultLine(runResult, output["Reason"]?.ToString(), output["ReportPath"]?.ToString()) + " · " + summary);
        return runResult switch { "pass" => 0, "fail" => 1, _ => 2 };
    }

    /// <summary>The last line a CI log shows: <c>result: fail (assert: 3/12 tests failed) report: &lt;path&gt;</c>.</summary>
    public static string ResultLine(string result, string? reason, string? reportPath)
    {
        var why = string.IsNullOrWhiteSpace(reason) ? "" : $" ({reason.Split('\n', 2)[0].TrimEnd()})";
        return $"result: {result}{why} report: {(string.IsNullOrEmpty(reportPath) ? "-" : reportPath)}";
    }

    /// <summary>
    /// Imports the file with the other definitions beside it, so DispatchWorkflow finds them (quick dispatches cold, cold
    /// dispatches promote-on-green) and workflows used as activities are known (run-tail), children before the
    /// workflows that use them. A sibling that does not validate is skipped: it only matters if something uses it.
    /// </summary>
    private static async Task<StoredWorkflowDefinition> ImportWithSiblingsAsync(InProcessWorkflowHost host, string json, string file, CancellationToken cancellationToken)
    {
        var definitionId = WorkflowDefinitionDocument.Parse(json).DefinitionId;
        var all = new List<(string Json, string File, bool Main)> { (json, file, true) };
        if (Path.GetDirectoryName(Path.GetFullPath(file)) is { } folder)
            foreach (var sibling in Directory.GetFiles(folder, "*.json").Order(StringComparer.Ordinal))
            {
                if (Path.GetFullPath(sibling) == Path.GetFullPath(file))
                    continue;
                try
                {
                    var siblingJson = await File.ReadAllTextAsync(sibling, cancellationToken);
                    if (WorkflowDefinitionDocument.Parse(siblingJson).DefinitionId != definitionId)
                        all.Add((siblingJson, sibling, false));
                }
                catch (Exception e) when (e is JsonException or IOException)
                {
                    Console.Error.WriteLine($"skipped {sibling}: {e.Message}");
                }
            }
        StoredWorkflowDefinition? main = null;
        foreach (var (content, path, isMain) in WorkflowImportOrder.Sort(all, f => f.Json))
        {
            if (isMain)
            {
                main = await host.DefinitionService.ImportAsync(content, path, cancellationToken);
                continue;
            }
            try
            {
                await host.DefinitionService.ImportAsync(content, path, cancellationToken);
            }
            catch (Exception e) when (e is WorkflowValidationException or JsonException or KeyNotFoundException or InvalidOperationException)
            {
                Console.Error.WriteLine($"skipped {path}: {e.Message}");
            }
        }
        return main!;
    }

    private static (string Json, string File) Locate(Settings settings)
    {
        if (File.Exists(settings.Workflow))
            return (File.ReadAllText(settings.Workflow), settings.Workflow);
        if (Directory.Exists(settings.WorkflowsDir))
            foreach (var file in Directory.GetFiles(settings.WorkflowsDir, "*.json").Order(StringComparer.Ordinal))
            {
                var json = File.ReadAllText(file);
                if (WorkflowDefinitionDocument.Parse(json).DefinitionId == settings.Workflow)
                    return (json, file);
            }
        throw new KeyNotFoundException($"'{settings.Workflow}' is neither a file nor a definition id in {settings.WorkflowsDir}/.");
    }

    private static bool TryParseInputs(string[] inputs, out JsonObject input, out string error)
    {
        input = [];
        error = string.Empty;
        foreach (var pair in inputs)
        {
            var separator = pair.IndexOf('=');
            if (separator <= 0)
            {
                error = $"--input '{pair}' is not NAME=VALUE.";
                return false;
            }
            var text = pair[(separator + 1)..];
            JsonNode? value;
            try
            {
                value = JsonNode.Parse(text);
            }
            catch (JsonException)
            {
                value = JsonValue.Create(text);
            }
            input[pair[..separator]] = value;
        }
        return true;
    }

    private static int Fail(string message)
    {
        Console.Error.WriteLine(message);
        return 2;
    }
}
