using Spectre.Console;

namespace RecipeCi.Cli;

/// <summary>Options every <c>recipeci runs</c> command takes: which server, which key, JSON, a table or plain columns.</summary>
public class RunsSettings : OutputSettings
{
    [CommandOption("--server <URL>"), Description("The recipeci server (default http://127.0.0.1:5080, or RECIPECI_SERVER).")]
    public string? Server { get; init; }

    [CommandOption("--api-key <KEY>"), Description("The server's Ci:ApiKey (or RECIPECI_API_KEY).")]
    public string? ApiKey { get; init; }

    public Uri ServerUri => ServerAddress.Resolve(Server);

    public string? Key => ApiKey ?? Environment.GetEnvironmentVariable("RECIPECI_API_KEY");

    public override ValidationResult Validate() =>
        ServerAddress.Validate(Server) is { Successful: false } server ? server : base.Validate();
}

/// <summary>Options of the commands that act on one instance.</summary>
public class RunsInstanceSettings : RunsSettings
{
    [CommandArgument(0, "<INSTANCE-ID>"), Description("The workflow instance id (see recipeci runs list); runs show also takes a run id (see recipeci trigger, runs labels).")]
    public string InstanceId { get; init; } = "";
}
