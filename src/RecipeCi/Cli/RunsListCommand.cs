using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;

namespace RecipeCi.Cli;

/// <summary><c>recipeci runs list [--definition ID] [--status S] [--sub-status S] [--page N] [--page-size N]</c>.</summary>
public sealed class RunsListCommand : RunsCommand<RunsListCommand.Settings>
{
    public sealed class Settings : RunsSettings
    {
        [CommandOption("--definition <ID>")]
        [Description("Only instances of this workflow definition.")]
        public string? Definition { get; init; }

        [CommandOption("--status <STATUS>")]
        [Description("Running or Finished.")]
        public string? Status { get; init; }

        [CommandOption("--sub-status <SUBSTATUS>")]
        [Description("Pending, Executing, Suspended, Finished, Cancelled or Faulted.")]
        public string? SubStatus { get; init; }

        [CommandOption("--page <N>")]
        [Description("0-based page (default 0).")]
        public int Page { get; init; }

        [CommandOption("--page-size <N>")]
        [Description("Instances per page (default 50).")]
        public int PageSize { get; init; } = 50;
    }

    protected override async Task<int> RunAsync(RunsClient client, Settings settings, CancellationToken cancellationToken)
    {
        var query = $"workflow-instances?page={settings.Page}&pageSize={settings.PageSize}";
        if (settings.Definition is { } definition) query += "&definitionId=" + Uri.EscapeDataString(definition);
        if (settings.Status is { } status) query += "&statuses=" + Uri.EscapeDataString(status);
        if (settings.SubStatus is { } subStatus) query += "&subStatuses=" + Uri.EscapeDataString(subStatus);
        var page = await client.GetAsync(query, cancellationToken);
        if (settings.Json)
        {
            Console.WriteLine(page.ToJsonString());
            return 0;
        }
        var table = new Table().AddColumns("Id", "Definition", "Version", "Status", "Sub-status", "Incidents", "Created (UTC)", "Finished (UTC)");
        foreach (var item in page["items"]?.AsArray() ?? [])
            table.AddRow(Text(item?["id"]), Text(item?["definitionId"]), Text(item?["version"]), Text(item?["status"]), Text(item?["subStatus"]),
                Text(item?["incidentCount"]), Text(item?["createdAt"]), Text(item?["finishedAt"]));
        AnsiConsole.Write(table);
        AnsiConsole.MarkupLine($"{page["totalCount"]} instances; page {settings.Page}.");
        return 0;
    }
}
