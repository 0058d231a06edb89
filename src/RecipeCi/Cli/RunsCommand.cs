
namespace RecipeCi.Cli;

/// <summary>The shared shape of <c>recipeci runs</c> commands: call the API, print JSON or a table, turn failures into exit 1.</summary>
public abstract class RunsCommand<TSettings> : AsyncCommand<TSettings> where TSettings : RunsSettings
{
    public override async Task<int> ExecuteAsync(CommandContext context, TSettings settings, CancellationToken cancellationToken)
    {
        using var http = new CliHttpClients();
        using var client = new RunsClient(settings, http.Create(CliHttpClients.RunsApi));
        try
        {
            return await RunAsync(client, settings, cancellationToken);
        }
        catch (RunsClientException e)
        {
            await Console.Error.WriteLineAsync(e.Message);
            return 1;
        }
    }

    protected abstract Task<int> RunAsync(RunsClient client, TSettings settings, CancellationToken cancellationToken);

    /// <summary>A value as a table cell: text as is (no markup), absent as null (<see cref="CliTable"/> prints <c>-</c>).</summary>
    protected static string? Value(System.Text.Json.Nodes.JsonNode? node) => node?.ToString();
}
