namespace RecipeCi.Cli;

/// <summary><c>recipeci runs cancel ID</c>: cancels a running or suspended instance.</summary>
public sealed class RunsCancelCommand : RunsCommand<RunsInstanceSettings>
{
    protected override async Task<int> RunAsync(RunsClient client, RunsInstanceSettings settings, CancellationToken cancellationToken)
    {
        var instance = await client.PostAsync($"cancel/workflow-instances/{Uri.EscapeDataString(settings.InstanceId)}", null, cancellationToken);
        if (settings.WantsJson)
            Console.WriteLine(CliJson.Write(instance));
        else
            Console.WriteLine($"{Value(instance["id"])}: {Value(instance["status"])}/{Value(instance["subStatus"])}");
        return 0;
    }
}
