using Spectre.Console;

namespace RecipeCi.Cli;

/// <summary><c>recipeci runs cancel ID</c>: cancels a running or suspended instance.</summary>
public sealed class RunsCancelCommand : RunsCommand<RunsInstanceSettings>
{
    protected override async Task<int> RunAsync(RunsClient client, RunsInstanceSettings settings, CancellationToken cancellationToken)
    {
        var instance = await client.PostAsync($"cancel/workflow-instances/{Uri.EscapeDataString(settings.InstanceId)}", null, cancellationToken);
        if (settings.Json)
            Console.WriteLine(instance.ToJsonString());
        else
            AnsiConsole.MarkupLine($"{Text(instance["id"])}: {Text(instance["status"])}/{Text(instance["subStatus"])}");
        return 0;
    }
}
