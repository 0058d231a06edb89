using System.Text.Json.Nodes;

namespace RecipeCi.Cli;

/// <summary>
/// <c>recipeci runs list [--definition ID] [--status S] [--sub-status S] [--result R] [--page N] [--page-size N]</c>.
/// The Result column is the instance's <c>Result</c> output (recipe runs: pass, fail, error). <c>--result</c> asks the
/// server for the matching sub-status (pass: Finished; fail, error: Faulted) and keeps the page's instances with that result.
/// </summary>
public sealed class RunsListCommand : RunsCommand<RunsListCommand.Settings>
{
    public sealed class Settings : RunsSettings
    {
        [CommandOption("--definition <ID>"), Description("Only instances of this workflow definition.")]
        public string? Definition { get; init; }

        [CommandOption("--status <STATUS>"), Description("Running or Finished.")]
        public string? Status { get; init; }

        [CommandOption("--sub-status <SUBSTATUS>"), Description("Pending, Executing, Suspended, Finished, Cancelled or Faulted.")]
        public string? SubStatus { get; init; }

        [CommandOption("--result <RESULT>"), Description("Only runs with this result: pass, fail or error.")]
        public string? Result { get; init; }

        [CommandOption("--page <N>"), Description("0-based page (default 0).")]
        public int Page { get; init; }

        [CommandOption("--page-size <N>"), Description("Instances per page (default 50).")]
        public int PageSize { get; init; } = 50;

        public override Spectre.Console.ValidationResult Validate() =>
            Result is null or "pass" or "fail" or "error"
                ? base.Validate()
                : Spectre.Console.ValidationResult.Error($"--result '{Result}' is not allowed; use pass, fail or error.");
    }

    protected override async Task<int> RunAsync(RunsClient client, Settings settings, CancellationToken cancellationToken)
    {
        var query = $"workflow-instances?page={settings.Page}&pageSize={settings.PageSize}";
        if (settings.Definition is { } definition) query += "&definitionId=" + Uri.EscapeDataString(definition);
        if (settings.Status is { } status) query += "&statuses=" + Uri.EscapeDataString(status);
        if (settings.SubStatus is { } subStatus) query += "&subStatuses=" + Uri.EscapeDataString(subStatus);
        else if (settings.Result is { } wanted) query += "&subStatuses=" + (wanted == "pass" ? "Finished" : "Faulted");
        var page = await client.GetAsync(query, cancellationToken);
        if (settings.Result is { } only && page["items"] is JsonArray all)
            foreach (var item in all.Where(i => i?["result"]?.ToString() != only).ToList())
                all.Remove(item);
        if (settings.WantsJson)
        {
            Console.WriteLine(CliJson.Write(page));
            return 0;
        }
        var table = new CliTable().Column("Id", noWrap: true).Column("Definition").Column("Version").Column("Status").Column("Sub-status")
            .Column("Result", noWrap: true).Column("Incidents").Column("Created (UTC)").Column("Finished (UTC)");
        foreach (var item in page["items"]?.AsArray() ?? [])
            table.Row(Value(item?["id"]), Value(item?["definitionId"]), Value(item?["version"]), Value(item?["status"]), Value(item?["subStatus"]),
                Value(item?["result"]), Value(item?["incidentCount"]), Value(item?["createdAt"]), Value(item?["finishedAt"]));
        table.Write(settings.WantsPlain);
        // Plain output is for tools: the count goes to stderr so every stdout line after the header is one instance.
        (settings.WantsPlain ? Console.Error : Console.Out).WriteLine($"{page["totalCount"]} instances; page {settings.Page}.");
        return 0;
    }
}
