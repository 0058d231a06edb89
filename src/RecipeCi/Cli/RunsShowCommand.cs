using Spectre.Console;

namespace RecipeCi.Cli;

/// <summary><c>recipeci runs show ID</c>: one instance with its state, input, output and incidents.</summary>
public sealed class RunsShowCommand : RunsCommand<RunsInstanceSettings>
{
    protected override async Task<int> RunAsync(RunsClient client, RunsInstanceSettings settings, CancellationToken cancellationToken)
    {
        var instance = await client.GetAsync($"workflow-instances/{Uri.EscapeDataString(settings.InstanceId)}", cancellationToken);
        if (settings.Json)
        {
            Console.WriteLine(instance.ToJsonString());
            return 0;
        }
        var grid = new Grid().AddColumn().AddColumn();
        foreach (var key in new[] { "id", "definitionId", "version", "status", "subStatus", "correlationId", "incidentCount", "createdAt", "updatedAt", "finishedAt", "leaseOwner", "leaseExpiresAt" })
            grid.AddRow(Markup.Escape(key), Text(instance[key]));
        var state = instance["workflowState"];
        foreach (var key in new[] { "input", "output", "variables", "incidents" })
            grid.AddRow(Markup.Escape(key), Text(state?[key]));
        AnsiConsole.Write(grid);
        return 0;
    }
}
