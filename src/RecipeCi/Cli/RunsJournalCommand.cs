namespace RecipeCi.Cli;

/// <summary><c>recipeci runs journal ID</c>: the execution log of an instance, in order.</summary>
public sealed class RunsJournalCommand : RunsCommand<RunsInstanceSettings>
{
    protected override async Task<int> RunAsync(RunsClient client, RunsInstanceSettings settings, CancellationToken cancellationToken)
    {
        var journal = await client.GetAsync($"workflow-instances/{Uri.EscapeDataString(settings.InstanceId)}/journal?pageSize=10000", cancellationToken);
        if (settings.WantsJson)
        {
            Console.WriteLine(CliJson.Write(journal));
            return 0;
        }
        var table = new CliTable().Column("#").Column("Timestamp (UTC)").Column("Event").Column("Activity", noWrap: true).Column("Type").Column("Message");
        foreach (var record in journal["items"]?.AsArray() ?? [])
            table.Row(Value(record?["sequence"]), Value(record?["timestamp"]), Value(record?["eventName"]), Value(record?["activityId"]),
                Value(record?["activityType"]), Value(record?["message"]));
        table.Write(settings.WantsPlain);
        return 0;
    }
}
