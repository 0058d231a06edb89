using Spectre.Console;

namespace RecipeCi.Cli;

/// <summary><c>recipeci runs journal ID</c>: the execution log of an instance, in order.</summary>
public sealed class RunsJournalCommand : RunsCommand<RunsInstanceSettings>
{
    protected override async Task<int> RunAsync(RunsClient client, RunsInstanceSettings settings, CancellationToken cancellationToken)
    {
        var journal = await client.GetAsync($"workflow-instances/{Uri.EscapeDataString(settings.InstanceId)}/journal?pageSize=10000", cancellationToken);
        if (settings.Json)
        {
            Console.WriteLine(journal.ToJsonString());
            return 0;
        }
        var table = new Table().AddColumns("#", "Timestamp (UTC)", "Event", "Activity", "Type", "Message");
        foreach (var record in journal["items"]?.AsArray() ?? [])
            table.AddRow(Text(record?["sequence"]), Text(record?["timestamp"]), Text(record?["eventName"]), Text(record?["activityId"]),
                Text(record?["activityType"]), Text(record?["message"]));
        AnsiConsole.Write(table);
        return 0;
    }
}
