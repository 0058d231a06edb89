using System.ComponentModel;
using RecipeCi.Configuration;
using RecipeCi.Server;
using Spectre.Console.Cli;

namespace RecipeCi.Cli;

/// <summary><c>recipeci serve</c>: the server. Any configuration key may follow as a flag.</summary>
public sealed class ServeCommand : AsyncCommand<ServeCommand.Settings>
{
    private static bool AddressInUse(Exception exception) =>
        exception.GetType().Name == "AddressInUseException" || exception.InnerException is System.Net.Sockets.SocketException
        {
            SocketErrorCode: System.Net.Sockets.SocketError.AddressAlreadyInUse,
        };

    public sealed class Settings : CommandSettings
    {
        [CommandOption("--log-format <FORMAT>")]
        [Description("Console log format: text (default) or json.")]
        [DefaultValue("text")]
        public string LogFormat { get; init; } = "text";

        public override Spectre.Console.ValidationResult Validate() =>
            LogFormat is "text" or "json"
                ? Spectre.Console.ValidationResult.Success()
                : Spectre.Console.ValidationResult.Error($"--log-format '{LogFormat}' is not allowed; use text or json.");
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        try
        {
            var app = ServerBuilder.Build([.. context.Remaining.Raw], settings.LogFormat);
            await app.RunAsync(cancellationToken);
            return 0;
        }
        catch (ConfigurationException ex)
        {
            await Console.Error.WriteLineAsync(ex.Message);
            return 2;
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
