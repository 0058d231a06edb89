using RecipeCi.Configuration;

namespace RecipeCi.Cli;

/// <summary>
/// Base of the commands that build their services from recipeci's configuration: whatever the command, a
/// configuration problem prints its message on stderr and exits 2, and a read-only command on a data directory that
/// has no database yet exits <see cref="NoDatabaseException.ExitCode"/>, so the exit codes mean the same everywhere.
/// </summary>
public abstract class ConfiguredCommand<TSettings> : AsyncCommand<TSettings>
    where TSettings : CommandSettings
{
    /// <summary>Exit code of bad configuration (the server exits with it too).</summary>
    public const int ConfigurationExitCode = 2;

    public sealed override async Task<int> ExecuteAsync(CommandContext context, TSettings settings, CancellationToken cancellationToken)
    {
        try
        {
            return await RunAsync(context, settings, cancellationToken);
        }
        catch (ConfigurationException ex)
        {
            await Console.Error.WriteLineAsync(ex.Message);
            return ConfigurationExitCode;
        }
        catch (NoDatabaseException ex)
        {
            await Console.Error.WriteLineAsync(ex.Message);
            return NoDatabaseException.ExitCode;
        }
    }

    /// <summary>Runs the command; configuration errors are left to this base.</summary>
    protected abstract Task<int> RunAsync(CommandContext context, TSettings settings, CancellationToken cancellationToken);
}
