using Spectre.Console;

namespace RecipeCi.Cli;

/// <summary>
/// The server a client command (<c>trigger</c>, <c>runs</c>) talks to: <c>--server</c>, else RECIPECI_SERVER, else
/// the address <c>serve</c> listens on by default. One rule, so every client command accepts and rejects the same URLs.
/// </summary>
public static class ServerAddress
{
    public const string EnvironmentVariable = "RECIPECI_SERVER";

    /// <summary>The base address, with a trailing slash so relative API paths resolve under it.</summary>
    public static Uri Resolve(string? option) =>
        new((Given(option) ?? Server.ServerBuilder.DefaultUrl).TrimEnd('/') + "/");

    /// <summary>Success, or the error that names a given address that is not an http or https URL.</summary>
    public static ValidationResult Validate(string? option) =>
        Given(option) is { } server && !(Uri.TryCreate(server, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https")
            ? ValidationResult.Error($"--server '{server}' is not allowed; use an http or https URL such as {Server.ServerBuilder.DefaultUrl}.")
            : ValidationResult.Success();

    private static string? Given(string? option) => option ?? Environment.GetEnvironmentVariable(EnvironmentVariable);
}
