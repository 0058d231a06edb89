using System.Globalization;
using System.Text.Json.Nodes;

namespace RecipeCi.Cli;

/// <summary>
/// <c>recipeci runs show ID [--report]</c>: one run, by the run id <c>trigger</c>, <c>runs labels</c> and the run page
/// use (its labels, result, tests, step, page and report path), or one workflow instance by its id. With
/// <c>--report</c> it prints the run's JUnit XML itself, as the server keeps it.
/// </summary>
public sealed class RunsShowCommand : RunsCommand<RunsShowCommand.Settings>
{
    public sealed class Settings : RunsInstanceSettings
    {
        [CommandOption("--report"), Description("Print the run's JUnit report XML (exit 1 when it has none yet).")]
        public bool Report { get; init; }
    }

    private static readonly string[] RunFields =
        ["runId", "result", "reason", "mode", "recipe", "ref", "commit", "pr", "trigger", "app", "deployCount", "instanceStatus", "currentStep",
            "startedAt", "finishedAt", "elapsedSeconds", "parentRunId", "pageUrl", "reportPath"];

    private static readonly string[] InstanceFields =
        ["id", "definitionId", "version", "status", "subStatus", "correlationId", "incidentCount", "createdAt", "updatedAt", "finishedAt", "leaseOwner", "leaseExpiresAt"];

    protected override async Task<int> RunAsync(RunsClient client, Settings settings, CancellationToken cancellationToken)
    {
        var id = settings.InstanceId;
        var run = await client.FindRunAsync(id, cancellationToken);
        JsonNode? instance = null;
        if (run is null)
        {
            instance = await client.FindAsync($"elsa/api/workflow-instances/{Uri.EscapeDataString(id)}", cancellationToken)
                       ?? throw new RunsClientException($"No run or workflow instance '{id}' on {settings.ServerUri}; run ids: recipeci runs labels, instance ids: recipeci runs list.");
            // A recipe run's instance names its run in its outputs: the report is the run's.
            if (instance["workflowState"]?["output"]?["RunId"]?.ToString() is { Length: > 0 } runId)
                run = await client.FindRunAsync(runId, cancellationToken);
        }
        if (settings.Report)
            return await PrintReportAsync(client, run?["runId"]?.ToString() ?? id, cancellationToken);
        if (settings.WantsJson)
        {
            Console.WriteLine(CliJson.Write(instance ?? run));
            return 0;
        }
        var table = new CliTable().Column("Field").Column("Value");
        if (instance is null)
        {
            foreach (var key in RunFields)
                table.Row(key, Value(run![key]));
            var tests = run!["tests"] as JsonArray ?? [];
            table.Row("tests", tests.Count == 0 ? "none ran" : string.Join(", ", tests.Select(t => $"{t?["name"]}: {t?["outcome"]}")));
        }
        else
        {
            foreach (var key in InstanceFields)
                table.Row(key, Value(instance[key]));
            var state = instance["workflowState"];
            foreach (var key in new[] { "input", "output", "variables", "incidents" })
                table.Row(key, state?[key] is { } node ? CliJson.Write(node, oneLine: true) : null);
            table.Row("run", Value(run?["runId"]));
            table.Row("reportPath", Value(run?["reportPath"]));
        }
        table.Write(settings.WantsPlain);
        return 0;
    }

    private static async Task<int> PrintReportAsync(RunsClient client, string runId, CancellationToken cancellationToken)
    {
        if (await client.FindReportAsync(runId, cancellationToken) is not { } xml)
        {
            await Console.Error.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"Run {runId} has no JUnit report (yet): it is still running, or the id is not a run id; see `recipeci runs labels`."));
            return 1;
        }
        Console.Write(xml.EndsWith('\n') ? xml : xml + "\n");
        return 0;
    }
}
