using Spectre.Console;

namespace RecipeCi.Cli;

/// <summary>Options every <c>recipeci runs</c> command takes: which server, which key, JSON, a table or plain columns.</summary>
public class RunsSettings : OutputSettings
{
    [CommandOption("--server <URL>")]
    [Description("The recipeci server (default http://127.0.0.1:5080, or RECIPECI_SERVER).")]
    public string? Server { get; init; }

    [CommandOption("--api-key <KEY>")]
    [Description("The server's Ci:ApiKey (or RECIPECI_API_KEY).")]
    public string? ApiKey { get; init; }

    public Uri ServerUri => new((Server ?? Environment.GetEnvironmentVariable("RECIPECI_SERVER") ?? "http://127.0.0.1:5080").TrimEnd('/') + "/");

    public string? Key => ApiKey ?? Environment.GetEnvironmentVariable("RECIPECI_API_KEY");

    public override ValidationResult Validate()
    {
        var server = Server ?? Environment.GetEnvironmentVariable("RECIPECI_SERVER");
        if (server is not null && !(Uri.TryCreate(server, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"))
            return ValidationResult.Error($"--server '{server}' is not allowed; use an http or https URL such as http://127.0.0.1:5080.");
        return base.Validate();
    }
}

/// <summary>Options of the commands that act on one instance.</summary>
public class RunsInstanceSettings : RunsSettings
{
    [CommandArgument(0, "<INSTANCE-ID>")]
    [Description("The workflow instance id (see recipeci runs list); runs show also takes a run id (see recipeci trigger, runs labels).")]
    public string InstanceId { get; init; } = "";
}
