namespace RecipeCi.Cli;

/// <summary><c>recipeci runs retry ID</c>: re-runs a faulted instance from its incident activity; exit 1 if it could not be retried.</summary>
public sealed class RunsRetryCommand : RunsCommand<RunsInstanceSettings>
{
    protected override async Task<int> RunAsync(RunsClient client, RunsInstanceSettings settings, CancellationToken cancellationToken)
    {
        var answer = await client.PostAsync("alterations/workflows/retry", new { workflowInstanceIds = new[] { settings.InstanceId } }, cancellationToken);
        var result = answer["items"]?.AsArray().FirstOrDefault();
        var retried = result?["retried"]?.GetValue<bool>() == true;
        if (settings.WantsJson)
            Console.WriteLine(CliJson.Write(answer));
        else if (retried)
            Console.WriteLine($"{settings.InstanceId}: retry dispatched.");
        else
            await Console.Error.WriteLineAsync($"{settings.InstanceId} was not retried: {result?["message"]}");
        return retried ? 0 : 1;
    }
}
