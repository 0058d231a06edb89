using RecipeCi.Server;

namespace RecipeCi.Cli;

/// <summary><c>recipeci serve</c>: the server. Any configuration key may follow as a flag.</summary>
public sealed class ServeCommand : ConfiguredCommand<ServeCommand.Settings>
{
    private static bool AddressInUse(Exception exception)
    {
        for (var e = (Exception?)exception; e is not null; e = e.InnerException)
        {
            if (e.GetType().Name == "AddressInUseException" ||
                e is System.Net.Sockets.SocketException { SocketErrorCode: System.Net.Sockets.SocketError.AddressAlreadyInUse })
                return true;
        }
        return false;
    }

    // Kestrel reports a taken port only after the host has started half its services, with stack traces in the log;
    // asking first keeps the common case to one line. The bind below stays the authority (another process may win).
    private static string? TakenAddress(IEnumerable<string> urls)
    {
        foreach (var url in urls)
        {
            if (!Uri.TryCreate(url.Replace("://*", "://0.0.0.0", StringComparison.Ordinal).Replace("://+", "://0.0.0.0", StringComparison.Ordinal), UriKind.Absolute, out var uri)
                || !System.Net.IPAddress.TryParse(uri.Host.Trim('[', ']'), out var address))
                continue;
            using var probe = new System.Net.Sockets.Socket(address.AddressFamily, System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Tcp);
            try
            {
                probe.Bind(new System.Net.IPEndPoint(address, uri.Port));
            }
            catch (System.Net.Sockets.SocketException e) when (e.SocketErrorCode == System.Net.Sockets.SocketError.AddressAlreadyInUse)
            {
                return url;
            }
            catch (System.Net.Sockets.SocketException)
            {
                // Not ours to judge here (an address this host lacks): Kestrel reports it.
            }
        }
        return null;
    }

    public sealed class Settings : CommandSettings
    {
        [CommandOption("--log-format <FORMAT>"), Description("Console log format: text (default) or json."), DefaultValue("text")]
        public string LogFormat { get; init; } = "text";

        public override Spectre.Console.ValidationResult Validate() =>
            LogFormat is "text" or "json"
                ? Spectre.Console.ValidationResult.Success()
                : Spectre.Console.ValidationResult.Error($"--log-format '{LogFormat}' is not allowed; use text or json.");
    }

    protected override async Task<int> RunAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        try
        {
            var app = ServerBuilder.Build([.. context.Remaining.Raw], settings.LogFormat);
            var urls = (app.Configuration["urls"] is { Length: > 0 } configured ? configured : ServerBuilder.DefaultUrl).Split(';', StringSplitOptions.RemoveEmptyEntries);
            if (TakenAddress(urls) is { } taken)
            {
                await Console.Error.WriteLineAsync(
                    $"recipeci serve: cannot listen: {taken} is already in use. Stop the other process or choose another address with --urls http://127.0.0.1:<port>.");
                return 2;
            }
            await app.RunAsync(cancellationToken);
            return 0;
        }
        catch (IOException ex) when (AddressInUse(ex))
        {
            // Kestrel's bind failure: one line saying what to do, not a stack trace.
            await Console.Error.WriteLineAsync(
                $"recipeci serve: cannot listen: {ex.Message} Stop the other process or choose another address with --urls http://127.0.0.1:<port>.");
            return 2;
        }
    }
}
